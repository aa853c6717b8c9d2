package org.factdesk.ruling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.evidence.CitedEvidence;

/** The configurable methodology gates a ruling's cited evidence must pass, at draft and again at approval. */
final class MethodologyGates {

    private MethodologyGates() {
    }

    /** What is missing, one entry per unmet gate (empty when all gates pass). */
    static List<FieldError> unmet(long claimId, List<Long> requested, Collection<CitedEvidence> found,
            RulingsConfig config) {
        List<FieldError> errors = new ArrayList<>();
        Map<Long, CitedEvidence> byId = found.stream()
                .collect(Collectors.toMap(CitedEvidence::id, e -> e, (a, b) -> a));
        List<CitedEvidence> usable = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            long id = requested.get(i);
            CitedEvidence e = byId.get(id);
            String field = "evidenceIds[" + i + "]";
            if (e == null) {
                errors.add(new FieldError(field, "evidence " + id + " does not exist"));
            } else if (e.claimId() != claimId) {
                errors.add(new FieldError(field, "evidence " + id + " belongs to another claim"));
            } else if (e.retracted()) {
                errors.add(new FieldError(field, "evidence " + id + " is retracted and cannot be cited"));
            } else {
                usable.add(e);
                if (config.requireArchiveUrls() && e.kind() == CitedEvidence.Kind.LINK
                        && (e.archiveUrl() == null || e.archiveUrl().isBlank())) {
                    errors.add(new FieldError(field, "link evidence " + id + " has no archive URL (required)"));
                }
            }
        }
        if (usable.size() < config.minEvidence()) {
            errors.add(new FieldError("evidenceIds", "at least " + config.minEvidence()
                    + " cited evidence item(s) required on this claim, none retracted; " + usable.size() + " usable"));
        }
        if (config.requireIndependentSources() && independentSources(usable) < 2) {
            errors.add(new FieldError("evidenceIds",
                    "at least 2 independent sources required (links on distinct hosts or distinct files); "
                            + independentSources(usable) + " cited"));
        }
        return errors;
    }

    /** Distinct link hosts (ignoring a leading {@code www.}) plus distinct files (by SHA-256). */
    static int independentSources(Collection<CitedEvidence> evidence) {
        Set<String> sources = new HashSet<>();
        for (CitedEvidence e : evidence) {
            if (e.kind() == CitedEvidence.Kind.FILE) {
                sources.add("file:" + (e.sha256() == null ? e.id() : e.sha256()));
            } else {
                String host = e.host() == null ? String.valueOf(e.url()) : e.host().toLowerCase(Locale.ROOT);
                sources.add("host:" + (host.startsWith("www.") ? host.substring(4) : host));
            }
        }
        return sources.size();
    }

    /** The 422 problem listing unmet gates. */
    static ProblemException problem(List<FieldError> errors) {
        return new ProblemException(422, "methodology-gates", "Methodology gates not met",
                errors.size() + " requirement(s) for publishing a ruling are not met", Map.of("errors", errors),
                Map.of());
    }
}
