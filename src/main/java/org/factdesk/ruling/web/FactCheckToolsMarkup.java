package org.factdesk.ruling.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published ClaimReview in the shape Google's Fact Check Tools API takes it ({@code pages.create}: a
 * ClaimReviewMarkupPage), so a newsroom can push its reviews there. Derived field by field from the schema.org
 * document ({@link ClaimReviewJsonLd#document}), so the two can never say different things:
 * <ul>
 * <li>{@code pageUrl}, {@code claimReviewMarkups[].url}: the review's {@code url};</li>
 * <li>{@code publishDate}: the date of {@code datePublished} (first publication, corrections included);</li>
 * <li>{@code claimReviewAuthor.name}: {@code author.name} (the organisation);</li>
 * <li>{@code claimReviewed}; {@code claimDate}: {@code itemReviewed.datePublished};
 * {@code claimAppearances}: the URLs of {@code itemReviewed.appearance}; {@code claimFirstAppearance}: the URL of
 * {@code itemReviewed.firstAppearance}; {@code claimAuthor.name}: {@code itemReviewed.author.name};</li>
 * <li>{@code rating.textualRating}: {@code reviewRating.alternateName}; {@code ratingValue}, {@code bestRating},
 * {@code worstRating} as in {@code reviewRating} (ordinal verdicts only); {@code ratingExplanation}: the headline.</li>
 * </ul>
 * Only the current version of a review is offered: pushing a superseded one would publish its old rating again.
 */
final class FactCheckToolsMarkup {

    private FactCheckToolsMarkup() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> page(Map<String, Object> claimReview) {
        Map<String, Object> item = (Map<String, Object>) claimReview.getOrDefault("itemReviewed", Map.of());
        Map<String, Object> rating = (Map<String, Object>) claimReview.getOrDefault("reviewRating", Map.of());
        Map<String, Object> author = (Map<String, Object>) claimReview.getOrDefault("author", Map.of());

        Map<String, Object> markup = new LinkedHashMap<>();
        markup.put("url", claimReview.get("url"));
        markup.put("claimReviewed", claimReview.get("claimReviewed"));
        putIfPresent(markup, "claimDate", item.get("datePublished"));
        List<Map<String, Object>> appearances = (List<Map<String, Object>>) item.getOrDefault("appearance", List.of());
        markup.put("claimAppearances", appearances.stream().map(a -> a.get("url")).toList());
        if (item.get("firstAppearance") instanceof Map<?, ?> first) {
            markup.put("claimFirstAppearance", first.get("url"));
        }
        if (item.get("author") instanceof Map<?, ?> claimant) {
            markup.put("claimAuthor", Map.of("name", claimant.get("name")));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("textualRating", rating.get("alternateName"));
        putIfPresent(r, "ratingValue", rating.get("ratingValue"));
        putIfPresent(r, "bestRating", rating.get("bestRating"));
        putIfPresent(r, "worstRating", rating.get("worstRating"));
        putIfPresent(r, "ratingExplanation", claimReview.get("headline"));
        markup.put("rating", r);

        Map<String, Object> page = new LinkedHashMap<>();
        page.put("pageUrl", claimReview.get("url"));
        page.put("publishDate", String.valueOf(claimReview.get("datePublished")).substring(0, 10));
        page.put("claimReviewAuthor", Map.of("name", author.get("name")));
        page.put("claimReviewMarkups", List.of(markup));
        return page;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
