package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.factdesk.TestApi;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The auditors' export streams 100,000 rulings without holding them in memory. */
@QuarkusTest
class ExportStreamingTest {

    static final int ROWS = 100_000;

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void streamsOneHundredThousandRulingsWithConstantMemory() throws Exception {
        loadRulingsPublishedIn2001();
        String token = TestApi.apiKey(Role.AUDITOR).token();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/exports/rulings?format=ndjson&from=2001-01-01&to=2001-01-31"))
                .header("Authorization", "Bearer " + token).build();

        Runtime rt = Runtime.getRuntime();
        long baseline = usedAfterGc(rt);
        long peak = 0;
        long lines = 0;
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                assertThat(line).startsWith("{\"rulingId\":");
                if (++lines % 20_000 == 0) {
                    peak = Math.max(peak, usedAfterGc(rt));
                }
            }
        }
        assertThat(lines).isEqualTo(ROWS);
        long growth = peak - baseline;
        System.out.printf("export of %d rulings: live heap %d MiB before, at most %d MiB while streaming%n", ROWS,
                baseline >> 20, peak >> 20);
        // the whole export is about 70 MiB of JSON; streaming keeps only a fetch batch and a write buffer alive
        assertThat(growth).as("live heap growth while streaming").isLessThan(32L << 20);
    }

    private static long usedAfterGc(Runtime rt) {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** 100,000 published versions of one (dismissed) claim, published in January 2001, straight into the tables. */
    private void loadRulingsPublishedIn2001() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    WITH claim_row AS (
                        INSERT INTO claim (statement, status, submitted_by, created_at, updated_at, updated_by, dismissal_reason)
                        VALUES ('A claim with a very long history of corrections, for the export test', 'DISMISSED',
                                'bulk', now(), now(), 'bulk', 'synthetic load') RETURNING id),
                    first AS (
                        INSERT INTO ruling (claim_id, status, verdict_key, verdict_label, scale_version, rating_value,
                            best_rating, worst_rating, headline, claim_reviewed, summary, evidence_ids, drafted_by,
                            drafted_at, approved_by, published_at, publication_seq, version_number, first_published_at,
                            claim_statement, evidence_sha256, provenance_manifest, provenance_hash)
                        SELECT id, 'PUBLISHED', 'false', 'False', 1, 2, 6, 1, 'Bulk headline', 'Bulk claim reviewed',
                            'Bulk summary', '{}', 'bulk-checker', '2001-01-01', 'bulk-editor', '2001-01-01',
                            nextval('ruling_publication_seq'), 1, '2001-01-01', 'Bulk statement', '{}', '{}',
                            encode(sha256('first'::bytea), 'hex')
                        FROM claim_row RETURNING id, claim_id)
                    INSERT INTO ruling (claim_id, status, verdict_key, verdict_label, scale_version, rating_value,
                        best_rating, worst_rating, headline, claim_reviewed, summary, evidence_ids, drafted_by,
                        drafted_at, approved_by, published_at, publication_seq, version_number, first_published_at,
                        claim_statement, evidence_sha256, provenance_manifest, provenance_hash, correction_note,
                        superseded_by, superseded_at)
                    SELECT f.claim_id, 'SUPERSEDED', 'mostly_false', 'Mostly false', 1, 3, 6, 1,
                        'Bulk headline, version ' || g, 'Bulk claim reviewed', repeat('A summary sentence. ', 10),
                        ARRAY[g, g + 1]::bigint[], 'bulk-checker', timestamptz '2001-01-02' + g * interval '1 second',
                        'bulk-editor', timestamptz '2001-01-02' + g * interval '1 second',
                        nextval('ruling_publication_seq'), g, '2001-01-01', 'Bulk statement',
                        ARRAY[encode(sha256(g::text::bytea), 'hex')], '{}', encode(sha256(g::text::bytea), 'hex'),
                        'Correction number ' || g, f.id, timestamptz '2001-01-02' + g * interval '1 second'
                    FROM first f, generate_series(2, %d) g
                    """.formatted(ROWS));
        }
    }
}
