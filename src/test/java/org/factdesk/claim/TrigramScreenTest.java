package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;

/** The screen answers only what Lingua would answer, and answers often enough to spare Lingua most claims. */
class TrigramScreenTest {

    static TrigramScreen screen;
    static LanguageDetector lingua;

    @BeforeAll
    static void load() {
        screen = TrigramScreen.of(LanguageGuess.LANGUAGES);
        lingua = LanguageGuess.lingua(0.05);
    }

    @Test
    void agreesWithLinguaOnEveryTextItAnswers() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : resource("/matching/languages.tsv").split("\n")) {
            if (!line.startsWith("#") && line.contains("\t")) {
                texts.add(line.split("\t", 2)[1]);
            }
        }
        for (String line : resource("/matching/pairs.tsv").split("\n")) {
            if (!line.startsWith("#") && line.contains("\t")) {
                String[] cols = line.split("\t");
                texts.add(cols[1]);
                texts.add(cols[2]);
            }
        }
        for (String sentence : resource("/demo/article-ecuador-assange.txt").split("(?<=[.!?])\\s+")) {
            texts.add(sentence);
        }
        texts.addAll(CLOSE_LANGUAGES);
        texts.addAll(benchStyle(2_000));
        int answered = 0;
        StringBuilder disagreements = new StringBuilder();
        for (String text : texts) {
            Language quick = screen.clearLanguageOf(text);
            if (quick != null) {
                answered++;
                Language careful = lingua.detectLanguageOf(text);
                if (careful != quick) {
                    disagreements.append("\n  screen ").append(quick).append(", Lingua ").append(careful).append(": ")
                            .append(text);
                }
            }
        }
        System.out.printf("trigram screen: answered %d of %d texts, %d trigrams%n", answered, texts.size(), screen.size());
        assertThat(disagreements).as("texts the screen answered differently from Lingua").isEmpty();
    }

    @Test
    void settlesTypicalEnglishClaimsWithoutLingua() {
        List<String> claims = benchStyle(1_000);
        long answered = claims.stream().filter(c -> screen.clearLanguageOf(c) == Language.ENGLISH).count();
        assertThat(answered).as("English claims of about 90 characters the screen settles").isGreaterThan(950);
    }

    @Test
    void leavesShortTextsNamesAndOtherScriptsToLingua() {
        assertThat(screen.clearLanguageOf("Moreno Correa Assange")).isNull();
        assertThat(screen.clearLanguageOf("Inflation fell.")).isNull();
        assertThat(screen.clearLanguageOf("Министр заявил, что безработица выросла на десять процентов за год.")).isNull();
        assertThat(screen.clearLanguageOf("2019 2020 2021 2022 2023 2024 2025 2026 2027 2028 2029 2030")).isNull();
    }

    /** Neighbours the screen must not confuse: it may stay silent on them, but not answer wrongly. */
    static final List<String> CLOSE_LANGUAGES = List.of(
            "Regeringen siger, at arbejdsløsheden er faldet med ti procent siden sidste valg.",
            "Regjeringen sier at arbeidsledigheten har falt med ti prosent siden forrige valg.",
            "Regeringen säger att arbetslösheten har sjunkit med tio procent sedan förra valet.",
            "El gobierno dice que el desempleo ha bajado un diez por ciento desde las últimas elecciones.",
            "O governo diz que o desemprego caiu dez por cento desde as últimas eleições.",
            "Le gouvernement affirme que le chômage a baissé de dix pour cent depuis les dernières élections.",
            "Il governo afferma che la disoccupazione è scesa del dieci per cento dalle ultime elezioni.",
            "Guvernul spune că șomajul a scăzut cu zece la sută de la ultimele alegeri.",
            "De regering zegt dat de werkloosheid sinds de laatste verkiezingen met tien procent is gedaald.",
            "Die Regierung sagt, die Arbeitslosigkeit sei seit der letzten Wahl um zehn Prozent gesunken.",
            "Rząd twierdzi, że bezrobocie spadło o dziesięć procent od ostatnich wyborów.",
            "Hallitus sanoo, että työttömyys on laskenut kymmenen prosenttia edellisten vaalien jälkeen.",
            "A kormány szerint a munkanélküliség tíz százalékkal csökkent a legutóbbi választások óta.",
            "Hükümet, işsizliğin son seçimlerden bu yana yüzde on düştüğünü söylüyor.",
            "Pemerintah mengatakan pengangguran turun sepuluh persen sejak pemilihan terakhir.",
            "Serikali inasema ukosefu wa ajira umepungua kwa asilimia kumi tangu uchaguzi uliopita.",
            "Sinabi ng gobyerno na bumaba ng sampung porsiyento ang kawalan ng trabaho mula noong huling halalan.",
            "Chính phủ nói rằng tỷ lệ thất nghiệp đã giảm mười phần trăm kể từ cuộc bầu cử vừa qua.",
            "The government says Ecuador's president Lenín Moreno met Julian Assange's lawyers in Quito.");

    /** Claims shaped like bench/import.sh's: a speaker, a figure, a place, a year. */
    static List<String> benchStyle(int n) {
        String[] who = "minister mayor senator governor spokesman council union company report post video".split(" ");
        String[] what = "unemployment inflation crime exports vaccination emissions rents tuition wages potholes".split(" ");
        String[] how = "fell rose doubled halved tripled stalled".split(" ");
        String[] where = { "Springfield", "Riverside", "Lakeside", "the capital", "the north", "the coast", "Zephyr Hills" };
        Random random = new Random(42);
        List<String> claims = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            claims.add("The " + who[random.nextInt(who.length)] + " said " + what[random.nextInt(what.length)] + " "
                    + how[random.nextInt(how.length)] + " by " + (2 + random.nextInt(90)) + " percent in "
                    + where[random.nextInt(where.length)] + " since " + (1990 + random.nextInt(35)) + " (claim " + i + ")");
        }
        return claims;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TrigramScreenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
