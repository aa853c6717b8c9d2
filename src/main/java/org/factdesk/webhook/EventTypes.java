package org.factdesk.webhook;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.factdesk.claim.ClaimEvent;
import org.factdesk.comment.CommentEvent;
import org.factdesk.common.AuditRecord;
import org.factdesk.evidence.EvidenceEvent;
import org.factdesk.identity.IdentityEvent;
import org.factdesk.ruling.RulingEvent;

/**
 * The event types an endpoint can subscribe to: every audit event type, by its dotted name, read from the sealed
 * families of records (so a new record type is subscribable without touching this class). A subscription is a type,
 * {@code resource.*} or {@code *}.
 */
public final class EventTypes {

    private static final List<Class<?>> FAMILIES = List.of(ClaimEvent.class, EvidenceEvent.class, CommentEvent.class,
            RulingEvent.class, IdentityEvent.class, WebhookEvent.class);

    /** Every dotted type, sorted. */
    public static final SortedSet<String> ALL = all();

    private EventTypes() {
    }

    private static SortedSet<String> all() {
        SortedSet<String> names = new TreeSet<>();
        for (Class<?> family : FAMILIES) {
            for (Class<?> c : family.getPermittedSubclasses()) {
                if (c.isRecord()) {
                    names.add(AuditRecord.dottedName(AuditRecord.typeOf(c).value()));
                }
            }
        }
        return names;
    }

    /** Why a subscription is not valid; null when it is. */
    public static String refusal(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "must not be blank";
        }
        if (pattern.equals("*") || ALL.contains(pattern)) {
            return null;
        }
        if (pattern.endsWith(".*") && ALL.stream().anyMatch(t -> t.startsWith(pattern.substring(0, pattern.length() - 1)))) {
            return null;
        }
        return "is not an event type, resource.* or * (known: " + String.join(", ", ALL) + ")";
    }

    /** Whether a dotted type is one of the subscriptions. */
    public static boolean matches(Collection<String> patterns, String dotted) {
        for (String p : patterns) {
            if (p.equals("*") || p.equals(dotted) || (p.endsWith(".*") && dotted.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The stored audit types the subscriptions cover now (for replays, which select in SQL). */
    public static Set<String> storedTypes(Collection<String> patterns) {
        Set<String> stored = new TreeSet<>();
        FAMILIES.stream().flatMap(f -> Stream.of(f.getPermittedSubclasses())).filter(Class::isRecord)
                .map(c -> AuditRecord.typeOf(c).value())
                .filter(t -> matches(patterns, AuditRecord.dottedName(t))).forEach(stored::add);
        return stored;
    }
}
