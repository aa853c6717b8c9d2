package org.factdesk.claim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.pemistahl.lingua.api.Language;

/**
 * A first look at a Latin-script text that answers only when one language is far ahead, so that Lingua is asked only
 * about the texts where its care matters. Lingua looks every trigram of a text up in one table per candidate language:
 * some twenty probes of large hash tables per trigram, which made detection 70% of an import's CPU. This screen reads
 * the same trigram models once into one table (trigram → log-probability in each language), so a trigram costs one
 * probe, and scores a text as the sum of its trigrams' log-probabilities, a trigram unknown to a language counting
 * as {@link #UNSEEN}.
 *
 * <p>It is a screen, not a second detector: it answers when, over at least {@link #MIN_TRIGRAMS} distinct trigrams,
 * the best language leads the runner-up by at least {@link #MIN_LEAD} nats (a likelihood ratio above e^5) and by
 * {@link #MIN_RELATIVE_LEAD} of its score (twice the relative distance Lingua is set to want), and otherwise says
 * nothing, so short texts, names, and texts in two close languages (Danish and Bokmål, Spanish and
 * Portuguese) still go to Lingua. {@code TrigramScreenTest} holds it to Lingua's answer on every text it answers.
 *
 * <p>The models are Lingua's own resources ({@code language-models/<iso>/trigrams.json}, relative frequencies as
 * {@code "count/total": "abc abd ..."}): the screen cannot disagree with Lingua about what a language looks like,
 * and a Lingua upgrade that moved them fails that test instead of silently turning the screen off.
 */
final class TrigramScreen {

    /** The log-probability of a trigram a language's model does not have (below that of its rarest trigram). */
    static final float UNSEEN = (float) Math.log(1e-6);
    /** How far ahead (in nats) the best language must be for the screen to answer. */
    static final double MIN_LEAD = 5;
    /** How far ahead relative to its own score the best language must be for the screen to answer. */
    static final double MIN_RELATIVE_LEAD = 0.10;
    /** The fewest distinct trigrams the screen answers on. */
    static final int MIN_TRIGRAMS = 12;

    private final Language[] languages;
    private final Map<String, float[]> logProbabilities;

    private TrigramScreen(Language[] languages, Map<String, float[]> logProbabilities) {
        this.languages = languages;
        this.logProbabilities = logProbabilities;
    }

    /**
     * The screen for {@code candidates}: their models' Latin-script trigrams, streamed into the one table (reading
     * each model into a tree or a map of its own first would triple the garbage of a start that loads Lingua's models
     * beside it, and the heap keeps the size it grew to). A language written in another script keeps a column of
     * unseen trigrams, so it never leads on the Latin texts the screen answers.
     */
    static TrigramScreen of(Language[] candidates) {
        JsonFactory json = new JsonFactory();
        Map<String, float[]> table = new HashMap<>(1 << 17);
        for (int i = 0; i < candidates.length; i++) {
            String resource = "language-models/" + candidates[i].getIsoCode639_1().toString().toLowerCase(Locale.ROOT)
                    + "/trigrams.json";
            try (InputStream in = Language.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    read(json.createParser(in), i, candidates.length, table);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + resource, e);
            }
        }
        return new TrigramScreen(candidates, table);
    }

    /** {@code {"language": ..., "ngrams": {"count/total": "abc abd ...", ...}}} into column {@code column}. */
    private static void read(JsonParser parser, int column, int columns, Map<String, float[]> table) throws IOException {
        boolean inNgrams = false;
        float logP = 0;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (inNgrams) {
                    logP = logOf(name);
                } else if (name.equals("ngrams")) {
                    inNgrams = true;
                }
            } else if (token == JsonToken.VALUE_STRING && inNgrams) {
                for (String trigram : parser.getText().split(" ")) {
                    if (trigram.length() == 3
                            && Character.UnicodeScript.of(trigram.codePointAt(0)) == Character.UnicodeScript.LATIN) {
                        table.computeIfAbsent(trigram, t -> unseenRow(columns))[column] = logP;
                    }
                }
            } else if (token == JsonToken.END_OBJECT && inNgrams) {
                inNgrams = false;
            }
        }
    }

    /**
     * The language far ahead of all others in {@code text}, or null when there is none or the text is not (only) in
     * the Latin script.
     */
    Language clearLanguageOf(String text) {
        Set<String> trigrams = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int run = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetter(c)) {
                if (Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                    return null;
                }
                if (++run >= 3) {
                    trigrams.add(lower.substring(i - 2, i + 1));
                }
            } else {
                run = 0;
            }
        }
        if (trigrams.size() < MIN_TRIGRAMS) {
            return null;
        }
        double[] sums = new double[languages.length];
        for (String trigram : trigrams) {
            float[] row = logProbabilities.get(trigram);
            for (int l = 0; l < sums.length; l++) {
                sums[l] += row == null ? UNSEEN : row[l];
            }
        }
        int best = -1;
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < sums.length; l++) {
            if (sums[l] > first) {
                second = first;
                first = sums[l];
                best = l;
            } else if (sums[l] > second) {
                second = sums[l];
            }
        }
        double lead = first - second;
        return best >= 0 && lead >= MIN_LEAD && lead >= -first * MIN_RELATIVE_LEAD ? languages[best] : null;
    }

    /** How many distinct trigrams the table holds (its memory is about 150 bytes each). */
    int size() {
        return logProbabilities.size();
    }

    private static float[] unseenRow(int languages) {
        float[] row = new float[languages];
        Arrays.fill(row, UNSEEN);
        return row;
    }

    private static float logOf(String fraction) {
        int slash = fraction.indexOf('/');
        return (float) (Math.log(Double.parseDouble(fraction.substring(0, slash)))
                - Math.log(Double.parseDouble(fraction.substring(slash + 1))));
    }
}
