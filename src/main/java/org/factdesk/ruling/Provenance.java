package org.factdesk.ruling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.audit.CanonicalJson;
import org.factdesk.evidence.CitedEvidence;

/**
 * The provenance of a published ruling: a canonical JSON document of the ruling as published and of its cited
 * evidence (SHA-256 of each file; URL and archive URL of each link), and the SHA-256 of that document. The recipe is
 * documented in {@code docs/provenance.md}; the canonical form is the audit log's ({@link CanonicalJson}).
 */
public final class Provenance {

    /** Names the recipe inside every manifest, so a future recipe can be told apart. */
    public static final String FORMAT = "factdesk-provenance/1";

    private Provenance() {
    }

    /** A computed manifest: the canonical text and its hash. */
    public record Manifest(String canonical, String sha256) {
    }

    static Manifest of(long rulingId, long claimId, int versionNumber, Long supersedes, Ruling.PinnedVerdict verdict,
            Ruling draft, Ruling.ClaimSnapshot claim, Instant publishedAt, List<CitedEvidence> evidence) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", verdict.key());
        v.put("label", verdict.label());
        v.put("scaleVersion", verdict.scaleVersion());
        v.put("ratingValue", verdict.ratingValue());
        v.put("bestRating", verdict.bestRating());
        v.put("worstRating", verdict.worstRating());

        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", claimId);
        c.put("statement", claim.statement());
        c.put("claimant", claim.claimant());
        c.put("sourceUrl", claim.sourceUrl());
        c.put("claimedAt", claim.claimedAt() == null ? null : claim.claimedAt().toString());

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rulingId);
        r.put("versionNumber", versionNumber);
        r.put("supersedes", supersedes);
        r.put("verdict", v);
        r.put("headline", draft.headline());
        r.put("claimReviewed", draft.claimReviewed());
        r.put("summary", draft.summary());
        r.put("correctionNote", draft.correctionNote());
        r.put("publishedAt", CanonicalJson.timestamp(publishedAt));
        r.put("claim", c);

        List<Map<String, Object>> items = new ArrayList<>();
        for (CitedEvidence e : evidence.stream().sorted(Comparator.comparingLong(CitedEvidence::id)).toList()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.id());
            item.put("kind", e.kind().name());
            if (e.kind() == CitedEvidence.Kind.FILE) {
                item.put("sha256", e.sha256());
            } else {
                item.put("url", e.url());
                item.put("archiveUrl", e.archiveUrl());
            }
            items.add(item);
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("ruling", r);
        doc.put("evidence", items);
        String canonical = CanonicalJson.write(doc);
        return new Manifest(canonical, sha256(canonical));
    }

    /** Lower-case hex SHA-256 of the manifest's UTF-8 bytes. */
    public static String sha256(String canonical) {
        return CanonicalJson.sha256Hex(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
