package org.factdesk.ruling.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.ruling.ClaimantType;
import org.factdesk.ruling.PublishingConfig;
import org.factdesk.ruling.Ruling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Renders a published ruling as a schema.org ClaimReview (JSON-LD) with every property Google lists as required or
 * recommended. Built only from the ruling's frozen columns and the publishing configuration, so a published version
 * always renders to the same bytes until a correction supersedes it (then it also says when it expired and where the
 * correction is, once); it carries no staff data (no user names, comments or assignees).
 */
final class ClaimReviewJsonLd {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ClaimReviewJsonLd() {
    }

    static String render(Ruling r, PublishingConfig publishing) {
        try {
            return MAPPER.writeValueAsString(document(r, publishing));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ClaimReview as a map, the one source of {@link #render} and of {@link FactCheckToolsMarkup}. */
    static Map<String, Object> document(Ruling r, PublishingConfig publishing) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", "https://schema.org");
        doc.put("@type", "ClaimReview");
        doc.put("url", publishing.pageUrl(r.id()));
        doc.put("claimReviewed", r.claimReviewed());
        doc.put("headline", r.headline());
        doc.put("reviewBody", r.summary());
        if (r.claimSnapshot().language() != null) {
            doc.put("inLanguage", r.claimSnapshot().language());
        }
        doc.put("datePublished", r.firstPublishedAt().toString());
        List<Map<String, Object>> corrections = new ArrayList<>();
        if (r.versionNumber() > 1) {
            doc.put("dateModified", r.publishedAt().toString());
            Map<String, Object> correction = new LinkedHashMap<>();
            correction.put("@type", "CorrectionComment");
            correction.put("text", r.correctionNote());
            correction.put("datePublished", r.publishedAt().toString());
            corrections.add(correction);
        }
        if (r.supersededBy() != null) {
            // A crawler or partner that kept this URL must not go on showing the old rating as the desk's current
            // one: the version says it expired when the correction was published and points at that correction
            // (schema.org: correction "in another document"; expires "no longer relevant after some date"). The
            // rest of the document, and the provenance manifest the hash covers, stay exactly as published.
            doc.put("expires", r.supersededAt().toString());
            Map<String, Object> pointer = new LinkedHashMap<>();
            pointer.put("@type", "CorrectionComment");
            pointer.put("text", "This fact check was corrected; the current version is at "
                    + publishing.pageUrl(r.supersededBy()));
            pointer.put("url", publishing.pageUrl(r.supersededBy()));
            pointer.put("datePublished", r.supersededAt().toString());
            corrections.add(pointer);
        }
        if (!corrections.isEmpty()) {
            doc.put("correction", corrections.size() == 1 ? corrections.get(0) : corrections);
        }
        doc.put("version", r.versionNumber());

        Map<String, Object> author = new LinkedHashMap<>();
        author.put("@type", "Organization");
        author.put("name", publishing.organisation().name());
        author.put("url", publishing.organisationUrl());
        doc.put("author", author);

        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("@type", "Rating");
        rating.put("alternateName", r.verdictLabel());
        rating.put("name", r.verdictLabel());
        if (r.ratingValue() != null) {
            rating.put("ratingValue", r.ratingValue());
            rating.put("bestRating", r.bestRating());
            rating.put("worstRating", r.worstRating());
        }
        doc.put("reviewRating", rating);

        Ruling.ClaimSnapshot claim = r.claimSnapshot();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@type", "Claim");
        if (claim.claimant() != null) {
            Map<String, Object> claimant = new LinkedHashMap<>();
            claimant.put("@type", r.claimantType() == ClaimantType.ORGANIZATION ? "Organization" : "Person");
            claimant.put("name", claim.claimant());
            item.put("author", claimant);
        }
        if (claim.claimedAt() != null) {
            item.put("datePublished", claim.claimedAt().toString());
        }
        if (claim.sourceUrl() != null) {
            item.put("appearance", List.of(creativeWork(claim.sourceUrl())));
        }
        if (r.firstAppearanceUrl() != null) {
            item.put("firstAppearance", creativeWork(r.firstAppearanceUrl()));
        }
        doc.put("itemReviewed", item);
        return doc;
    }

    private static Map<String, Object> creativeWork(String url) {
        Map<String, Object> work = new LinkedHashMap<>();
        work.put("@type", "CreativeWork");
        work.put("url", url);
        return work;
    }
}
