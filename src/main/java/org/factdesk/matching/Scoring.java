package org.factdesk.matching;

/**
 * How a candidate's score is composed, in one place so that the SQL, the thresholds and the README agree.
 *
 * <p>Two signals, each already in 0..1 and independent of the query, which is what makes scores comparable across
 * queries (ts_rank_cd is not: it grows with document and query length, so it is not used):
 * <ul>
 * <li>{@code trigram}: pg_trgm similarity of the normalized (lower-cased, unaccented) statements. It catches
 * reworded spelling, inflections the stemmer misses, names and numbers, but drops fast when a paraphrase reorders
 * or adds words.</li>
 * <li>{@code overlap}: Dice coefficient of the two sets of stems (stop words removed, in each claim's language). It
 * survives reordering and added words, but a near-miss about the same people and place shares many stems too.</li>
 * </ul>
 * The score is a weighted max: {@code W_MAX * max + W_MIN * min}. Either signal alone may carry a match (a
 * paraphrase is usually strong in one and weak in the other), while the min term keeps a claim strong in both above
 * one strong in only one. The weights and thresholds were set on the labelled pairs in
 * {@code src/test/resources/matching/pairs.tsv} (see SimilarClaimsTest and the README for the measured figures). A
 * grid search there over max weights 0.5-1.0 and plain weighted means moved the likely label's recall by at most two
 * pairs at the same precision, which is noise on 31 paraphrases, so the simple 0.7/0.3 stays until a larger set says
 * otherwise.
 */
public final class Scoring {

    /** Name of this scoring, returned with every answer so clients can tell scores of different models apart. */
    public static final String MODEL = "lexical-v1";
    static final double W_MAX = 0.7;
    static final double W_MIN = 0.3;
    /**
     * Below this a candidate is noise: claims that merely share a name or two ("Assange", "Ecuador") score under
     * 0.25, while every labelled paraphrase scored above 0.35. Near-misses on the same story (0.26-0.6) are still
     * listed, as possible duplicates, because a checker wants to see related work on the story.
     */
    public static final double POSSIBLE = 0.25;
    /**
     * From here a candidate is likely the same claim. On the labelled pairs, 0.5 let eight near-misses through
     * (precision 0.78) and 0.65 one (0.95, at 0.61 recall of the likely label): lexical signals cannot see that
     * "expelled" contradicts "has no plans to expel", so the likely label favours precision and the possible one
     * recall (recall@3 was 1.0).
     */
    public static final double LIKELY = 0.65;

    static final String SQL = "(" + W_MAX + " * greatest(trigram, overlap) + " + W_MIN
            + " * least(trigram, overlap))";

    private Scoring() {
    }
}
