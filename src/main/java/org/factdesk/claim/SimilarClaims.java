package org.factdesk.claim;

import java.util.List;

import org.factdesk.identity.Actor;

/**
 * Finds claims that say much the same as a text. The matching feature implements it; it is declared here so that the
 * claim endpoints can answer with similar claims (also right after a submission) and render them with the one claim
 * view, without the claim feature depending on matching.
 */
public interface SimilarClaims {

    /**
     * What to match: the text, its BCP 47 language (null: detected from the text), how many, a claim to leave out,
     * and the name the caller gave the text (problems name it, so that a client sees its own parameter).
     */
    record Query(String text, String language, Integer limit, Long excluding, String textParameter) {
        public Query(String text, String language, Integer limit, Long excluding) {
            this(text, language, limit, excluding, "text");
        }
    }

    /**
     * One similar claim, best first. {@code score} is in 0..1 and means the same for every query; {@code likely}
     * says it passed the likely-duplicate threshold; {@code verdictKey}/{@code verdictLabel} are those of the claim's
     * published ruling, if it has one.
     */
    record Match(Claim claim, double score, boolean likely, List<String> matchedOn, String verdictKey,
            String verdictLabel) {
    }

    /**
     * The matches above the possible-duplicate threshold, the name of the scoring that produced them, and the language
     * the text was matched in (the one given, or the one detected when none was).
     */
    record Result(List<Match> items, String model, double possibleThreshold, double likelyThreshold, String language) {
    }

    /** Claims similar to the query that the actor may read (422 on bad input, 403 for callers who may not search). */
    Result find(Query query, Actor actor);

    /**
     * Claims similar to the query that have a current published ruling and were not dismissed, for everyone: the
     * public ClaimReview search. No actor, since it reveals only what is published (422 on bad input).
     */
    Result findPublished(Query query);
}
