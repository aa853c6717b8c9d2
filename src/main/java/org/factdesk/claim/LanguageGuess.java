package org.factdesk.claim;

import static com.github.pemistahl.lingua.api.Language.ARABIC;
import static com.github.pemistahl.lingua.api.Language.BOKMAL;
import static com.github.pemistahl.lingua.api.Language.CHINESE;
import static com.github.pemistahl.lingua.api.Language.DANISH;
import static com.github.pemistahl.lingua.api.Language.DUTCH;
import static com.github.pemistahl.lingua.api.Language.ENGLISH;
import static com.github.pemistahl.lingua.api.Language.FINNISH;
import static com.github.pemistahl.lingua.api.Language.FRENCH;
import static com.github.pemistahl.lingua.api.Language.GERMAN;
import static com.github.pemistahl.lingua.api.Language.HINDI;
import static com.github.pemistahl.lingua.api.Language.HUNGARIAN;
import static com.github.pemistahl.lingua.api.Language.INDONESIAN;
import static com.github.pemistahl.lingua.api.Language.ITALIAN;
import static com.github.pemistahl.lingua.api.Language.JAPANESE;
import static com.github.pemistahl.lingua.api.Language.KOREAN;
import static com.github.pemistahl.lingua.api.Language.POLISH;
import static com.github.pemistahl.lingua.api.Language.PORTUGUESE;
import static com.github.pemistahl.lingua.api.Language.ROMANIAN;
import static com.github.pemistahl.lingua.api.Language.RUSSIAN;
import static com.github.pemistahl.lingua.api.Language.SPANISH;
import static com.github.pemistahl.lingua.api.Language.SWAHILI;
import static com.github.pemistahl.lingua.api.Language.SWEDISH;
import static com.github.pemistahl.lingua.api.Language.TAGALOG;
import static com.github.pemistahl.lingua.api.Language.TURKISH;
import static com.github.pemistahl.lingua.api.Language.UKRAINIAN;
import static com.github.pemistahl.lingua.api.Language.VIETNAMESE;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The language of a text that came without one, so that a claim is indexed with its own language's stemmer and
 * matched against claims in that language. Lingua in its low-accuracy mode (trigram models only): the high-accuracy
 * models of these languages take some 650 MB of heap, the trigram ones under 40 MB, and on a sentence the trigrams
 * pick the right language as long as Lingua is allowed to say it is unsure: below {@code min-distance} between the
 * best and the second-best language the answer is the desk's default language instead of a guess (a short English
 * sentence full of names otherwise comes out Dutch). Unsure is the right answer for one word or a name.
 *
 * <p>Lingua is asked only when the {@link TrigramScreen} has no clear answer: most claims are long enough, and in one
 * language clearly enough, that one probe per trigram settles them (see there why that matters to an import).
 */
@ApplicationScoped
public class LanguageGuess {

    private static final Logger LOG = Logger.getLogger(LanguageGuess.class);

    /** The languages told apart: those PostgreSQL stems (see matching_ts_config) and the most common others. */
    static final Language[] LANGUAGES = { ENGLISH, SPANISH, PORTUGUESE, FRENCH, GERMAN, ITALIAN, DUTCH, SWEDISH,
            DANISH, FINNISH, HUNGARIAN, BOKMAL, RUSSIAN, TURKISH, ROMANIAN, ARABIC, CHINESE, JAPANESE, KOREAN, HINDI,
            INDONESIAN, POLISH, UKRAINIAN, SWAHILI, TAGALOG, VIETNAMESE };

    @ConfigMapping(prefix = "factdesk.language")
    public interface Config {
        /** The language of a text whose language is not given and not recognised with confidence. */
        @WithDefault("en")
        String fallback();

        /** Detect the language of claims and similarity queries that come without one; false: always the fallback. */
        @WithDefault("true")
        boolean detect();

        /** How far ahead of the runner-up the best language must be (Lingua's minimum relative distance). */
        @WithDefault("0.05")
        double minDistance();
    }

    @Inject
    Config config;

    private volatile Models models;

    /** The language of {@code text} as a lower-case ISO 639-1 code, or the fallback when it is not clear. */
    public String of(String text) {
        if (!config.detect() || text == null || text.isBlank()) {
            return config.fallback();
        }
        Models m = models();
        Language found = m.screen().clearLanguageOf(text);
        if (found == null) {
            found = m.lingua().detectLanguageOf(text);
        }
        if (found == Language.UNKNOWN) {
            return config.fallback();
        }
        return found == BOKMAL ? "no" : found.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    }

    /** Lingua as this desk configures it: the {@link #LANGUAGES}, trigram models only, preloaded. */
    static LanguageDetector lingua(double minDistance) {
        return LanguageDetectorBuilder.fromLanguages(LANGUAGES).withLowAccuracyMode()
                .withMinimumRelativeDistance(minDistance).withPreloadedLanguageModels().build();
    }

    /** Lingua and the screen in front of it, loaded together once. */
    private record Models(TrigramScreen screen, LanguageDetector lingua) {
    }

    private Models models() {
        Models m = models;
        if (m == null) {
            synchronized (this) {
                m = models;
                if (m == null) {
                    m = new Models(TrigramScreen.of(LANGUAGES), lingua(config.minDistance()));
                    models = m;
                }
            }
        }
        return m;
    }

    /** Models load in the background at start (about half a second), so the first submission does not wait. */
    void warmUp(@Observes StartupEvent start) {
        if (config.detect()) {
            CompletableFuture.runAsync(() -> {
                try {
                    models();
                } catch (RuntimeException | LinkageError e) {
                    LOG.warnf(e, "Language models did not load; they load again on first use");
                }
            });
        }
    }
}
