package org.factdesk.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Conditional requests on versioned resources (RFC 9110 section 13): every resource that reads {@code If-Match} or
 * {@code If-None-Match} goes through here, so the rules below hold everywhere.
 * <ul>
 * <li>Our entity-tags are strong: {@code ETag: "<version>"}.</li>
 * <li>{@code If-Match} is {@code *} or a list of entity-tags, compared strongly: a weak tag never matches, {@code *}
 * matches the (existing) resource, an opaque tag that is not the current one ({@code "abc"}, {@code "999"}) fails
 * with 412 and the current ETag. Only a field that is not an entity-tag list at all is a 400.</li>
 * <li>{@code If-None-Match} is compared weakly ({@code W/"3"} matches {@code "3"}); a match on a GET is a 304.</li>
 * <li>A field with no entity-tag in it (empty, or only commas) counts as absent, as RFC 9110's list rules allow.</li>
 * </ul>
 * The check itself runs in the service, under the row lock, so the version compared is the one the write changes.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** The strong ETag of a resource version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** One entity-tag: {@code "opaque"} or {@code W/"opaque"}; {@code opaque} is what lies between the quotes. */
    public record EntityTag(boolean weak, String opaque) {

        /** RFC 9110 13.1.1 / 8.8.3.2: both strong and character for character the same. */
        public boolean strongMatch(EntityTag other) {
            return !weak && !other.weak && opaque.equals(other.opaque);
        }

        /** The same opaque tag, weak or not. */
        public boolean weakMatch(EntityTag other) {
            return opaque.equals(other.opaque);
        }

        @Override
        public String toString() {
            return (weak ? "W/" : "") + "\"" + opaque + "\"";
        }
    }

    /** A parsed {@code If-Match} or {@code If-None-Match}: {@code *}, or the entity-tags it lists. */
    public record TagList(boolean any, List<EntityTag> tags) {

        public static final TagList ANY = new TagList(true, List.of());

        public boolean strongMatch(EntityTag current) {
            return any || tags.stream().anyMatch(t -> t.strongMatch(current));
        }

        public boolean weakMatch(EntityTag current) {
            return any || tags.stream().anyMatch(t -> t.weakMatch(current));
        }

        @Override
        public String toString() {
            return any ? "*" : tags.stream().map(EntityTag::toString).collect(Collectors.joining(", "));
        }
    }

    /** The field is not {@code *} nor a list of entity-tags. */
    public static final class MalformedException extends IllegalArgumentException {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Parses a field value per RFC 9110: {@code "*" / #entity-tag}, where {@code entity-tag = [ "W/" ] DQUOTE
     * *etagc DQUOTE} and {@code etagc = %x21 / %x23-7E / obs-text}; list elements are separated by commas with
     * optional spaces or tabs, and empty elements are ignored. Returns {@code null} for an absent field or one that
     * lists nothing. Pure; unit-tested on its own.
     *
     * @throws MalformedException for anything else ({@code 3}, {@code "unterminated}, {@code w/"3"}, {@code *, "3"})
     */
    public static TagList parse(String field) {
        if (field == null) {
            return null;
        }
        String s = field;
        int i = skipSpace(s, 0);
        if (i < s.length() && s.charAt(i) == '*') {
            int end = skipSpace(s, i + 1);
            if (end != s.length()) {
                throw new MalformedException("'*' cannot be combined with entity-tags");
            }
            return TagList.ANY;
        }
        List<EntityTag> tags = new ArrayList<>();
        while (true) {
            i = skipSpace(s, i);
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            boolean weak = false;
            if (s.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i == s.length() || s.charAt(i) != '"') {
                throw new MalformedException("an entity-tag is a quoted string such as \"3\" (or W/\"3\")");
            }
            int close = i + 1;
            while (close < s.length() && s.charAt(close) != '"') {
                char c = s.charAt(close);
                if (c < 0x21 || c == 0x7f || c > 0xff) {
                    throw new MalformedException("an entity-tag may not contain spaces or control characters");
                }
                close++;
            }
            if (close == s.length()) {
                throw new MalformedException("an entity-tag is missing its closing quote");
            }
            tags.add(new EntityTag(weak, s.substring(i + 1, close)));
            i = skipSpace(s, close + 1);
            if (i < s.length() && s.charAt(i) != ',') {
                throw new MalformedException("entity-tags in a list are separated by commas");
            }
        }
        return tags.isEmpty() ? null : new TagList(false, List.copyOf(tags));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Joins repeated header lines into one list, as RFC 9110 5.3 says a recipient may. (Joining with a bare comma
     * also undoes a split at commas inside a quoted tag, should the HTTP layer have split the lines.)
     */
    public static String combine(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        return String.join(",", lines);
    }

    /** What a write was conditioned on, checked by the service against the version it locked. */
    public static final class IfMatch {

        /** No {@code If-Match} was sent where it is optional: nothing to check. */
        public static final IfMatch NONE = new IfMatch(null);

        private final TagList tags;

        private IfMatch(TagList tags) {
            this.tags = tags;
        }

        /** Whether the write may go ahead on this version. */
        public boolean matches(long currentVersion) {
            return tags == null || tags.strongMatch(new EntityTag(false, String.valueOf(currentVersion)));
        }

        /** 412 with the current ETag unless the field matches the version the write would change. */
        public void check(long currentVersion) {
            if (!matches(currentVersion)) {
                String current = etag(currentVersion);
                String why = tags.tags().stream().allMatch(EntityTag::weak)
                        ? "a weak entity-tag never matches for a write (send " + current + ")"
                        : "you sent If-Match: " + tags + ", the current ETag is " + current;
                throw new ProblemException(412, "precondition-failed", "Precondition failed",
                        "The resource changed since you read it (" + why + "); reload and apply your change again",
                        Map.of("currentVersion", currentVersion), Map.of("ETag", current));
            }
        }

        @Override
        public String toString() {
            return tags == null ? "(none)" : tags.toString();
        }
    }

    /** A write that needs {@code If-Match} (every header line of it): 428 when absent, 400 when malformed. */
    public static IfMatch requireIfMatch(List<String> lines) {
        return requireIfMatch(combine(lines));
    }

    /** A write where {@code If-Match} (every header line of it) is optional. */
    public static IfMatch ifMatch(List<String> lines) {
        return ifMatch(combine(lines));
    }

    /** Whether a GET should answer 304, given every {@code If-None-Match} header line. */
    public static boolean notModified(List<String> lines, String currentEtag) {
        return notModified(combine(lines), currentEtag);
    }

    /** A write that needs {@code If-Match}: 428 when it is absent, 400 when it is malformed. */
    public static IfMatch requireIfMatch(String field) {
        IfMatch ifMatch = ifMatch(field);
        if (ifMatch == IfMatch.NONE) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "This write needs an If-Match header with the ETag of the version you edited");
        }
        return ifMatch;
    }

    /** A write where {@code If-Match} is optional: {@link IfMatch#NONE} when absent, 400 when malformed. */
    public static IfMatch ifMatch(String field) {
        TagList tags = parseOr400("If-Match", field);
        return tags == null ? IfMatch.NONE : new IfMatch(tags);
    }

    /**
     * Whether a GET should answer 304: {@code If-None-Match} lists the current entity-tag (weak comparison) or is
     * {@code *}. A malformed field is a 400.
     */
    public static boolean notModified(String ifNoneMatch, String currentEtag) {
        TagList tags = parseOr400("If-None-Match", ifNoneMatch);
        if (tags == null) {
            return false;
        }
        TagList current = parse(currentEtag);
        return current != null && tags.weakMatch(current.tags().get(0));
    }

    /** {@link #notModified(String, String)} for a versioned resource. */
    public static boolean notModified(String ifNoneMatch, long currentVersion) {
        return notModified(ifNoneMatch, etag(currentVersion));
    }

    /** {@link #notModified(List, String)} for a versioned resource. */
    public static boolean notModified(List<String> lines, long currentVersion) {
        return notModified(combine(lines), etag(currentVersion));
    }

    private static TagList parseOr400(String name, String field) {
        try {
            return parse(field);
        } catch (MalformedException e) {
            throw ProblemException.badRequest(name + " must be '*' or a list of entity-tags such as \"3\": "
                    + e.getMessage());
        }
    }
}
