package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Claims that come without a language get the one their statement is written in, or the fallback when unclear. */
@QuarkusTest
class LanguageGuessTest {

    @Inject
    LanguageGuess guess;

    @Test
    void recognisesTheLanguageOfEveryLabelledClaimAndFallsBackOnNamesAndNumbers() throws IOException {
        String labelled;
        try (InputStream in = LanguageGuessTest.class.getResourceAsStream("/matching/languages.tsv")) {
            labelled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int total = 0;
        int right = 0;
        StringBuilder wrong = new StringBuilder();
        for (String line : labelled.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 2);
            String expected = cols[0].equals("fallback") ? "en" : cols[0];
            String got = guess.of(cols[1]);
            total++;
            if (got.equals(expected)) {
                right++;
            } else {
                wrong.append("\n  ").append(got).append(" for ").append(cols[1]);
            }
        }
        System.out.printf("language detection: %d of %d labelled texts right%s%n", right, total, wrong);
        assertThat(right).as("every labelled text" + wrong).isEqualTo(total);
    }

    @Test
    void aClaimSubmittedWithoutALanguageIsStoredAndMatchedInTheDetectedOne() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        String marker = "Ozamblo" + System.nanoTime();
        JsonPath created = checker.spec()
                .body(Map.of("statement", "El alcalde de " + marker + " prometió cerrar la central de carbón el año que viene."))
                .post("/api/v1/claims").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("language")).isEqualTo("es");
        long id = created.getLong("id");
        assertThat(checker.spec().get("/api/v1/claims/" + id).then().extract().jsonPath().getString("language"))
                .isEqualTo("es");

        // Spanish stems: "cerrará" and "centrales" meet "cerrar" and "central" only through the Spanish stemmer
        JsonPath similar = checker.spec().queryParam("text", "¿Cerrará " + marker + " las centrales de carbón?")
                .get("/api/v1/claims/similar").then().statusCode(200).extract().jsonPath();
        assertThat(similar.getString("language")).isEqualTo("es");
        assertThat(similar.getList("items.claim.id", Long.class)).contains(id);
    }

    @Test
    void aGivenLanguageIsKeptEvenWhenTheTextLooksLikeAnother() {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        JsonPath created = checker.spec().body(Map.of("statement", "Die Regierung sagt, die Steuern sinken.", "language", "en"))
                .post("/api/v1/claims").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("language")).isEqualTo("en");
    }
}
