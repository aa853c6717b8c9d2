package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.factdesk.evidence.CitedEvidence;
import org.factdesk.evidence.CitedEvidence.Kind;
import org.junit.jupiter.api.Test;

/** How the gates count independent sources and list unmet requirements (no server needed). */
class IndependentSourcesTest {

    static CitedEvidence link(long id, String host, String archive) {
        return new CitedEvidence(id, 1, Kind.LINK, "t", null, "https://" + host + "/p" + id, archive, host, false);
    }

    static CitedEvidence file(long id, String sha) {
        return new CitedEvidence(id, 1, Kind.FILE, "f", sha, null, null, null, false);
    }

    record Config(boolean fourEyes, int minEvidence, boolean requireIndependentSources, boolean requireArchiveUrls)
            implements RulingsConfig {
    }

    @Test
    void linksOnTheSameHostCountOnceWithOrWithoutWww() {
        assertThat(MethodologyGates.independentSources(List.of(link(1, "www.example.org", null),
                link(2, "example.org", null)))).isEqualTo(1);
        assertThat(MethodologyGates.independentSources(List.of(link(1, "example.org", null),
                link(2, "other.example", null)))).isEqualTo(2);
    }

    @Test
    void filesCountByTheirBytesAndAlongsideLinks() {
        assertThat(MethodologyGates.independentSources(List.of(file(1, "aa"), file(2, "aa")))).isEqualTo(1);
        assertThat(MethodologyGates.independentSources(List.of(file(1, "aa"), file(2, "bb"),
                link(3, "example.org", null)))).isEqualTo(3);
    }

    @Test
    void listsEveryUnmetGateAtOnce() {
        var unmet = MethodologyGates.unmet(1, List.of(1L, 2L), List.of(link(1, "example.org", null),
                link(2, "www.example.org", "https://archive.example/2")), new Config(true, 3, true, true));
        assertThat(unmet).extracting(e -> e.field() + ": " + e.message()).containsExactly(
                "evidenceIds[0]: link evidence 1 has no archive URL (required)",
                "evidenceIds: at least 3 cited evidence item(s) required on this claim, none retracted; 2 usable",
                "evidenceIds: at least 2 independent sources required (links on distinct hosts or distinct files); 1 cited");
    }

    @Test
    void passesWhenTheDefaultsAreMet() {
        assertThat(MethodologyGates.unmet(1, List.of(1L), List.of(file(1, "aa")), new Config(true, 1, false, false)))
                .isEmpty();
    }
}
