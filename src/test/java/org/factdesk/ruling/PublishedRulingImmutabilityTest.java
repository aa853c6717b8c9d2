package org.factdesk.ruling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.factdesk.ruling.RulingKit.addLink;
import static org.factdesk.ruling.RulingKit.draftBody;
import static org.factdesk.ruling.RulingKit.draftOk;
import static org.factdesk.ruling.RulingKit.researchingClaim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import jakarta.inject.Inject;

import org.factdesk.TestApi;
import org.factdesk.TestApi.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The database itself refuses to change or delete a published ruling, whatever the application does. */
@QuarkusTest
class PublishedRulingImmutabilityTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theDatabaseRefusesUpdateAndDeleteOfAPublishedRuling() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long rulingId = RulingKit.published(checker, checker, TestApi.user(Role.EDITOR),
                "A published ruling that someone tries to edit in SQL.", "false");
        String before = headline(rulingId);

        for (String sql : List.of("UPDATE ruling SET headline = 'Quietly changed' WHERE id = ?",
                "UPDATE ruling SET verdict_label = 'True' WHERE id = ?",
                "UPDATE ruling SET provenance_hash = repeat('0', 64) WHERE id = ?",
                "UPDATE ruling SET published_at = published_at + interval '1 day' WHERE id = ?",
                "UPDATE ruling SET status = 'DRAFT', published_at = NULL WHERE id = ?",
                "DELETE FROM ruling WHERE id = ?")) {
            assertThatThrownBy(() -> execute(sql, rulingId)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("ruling");
        }
        assertThatThrownBy(() -> execute("TRUNCATE ruling CASCADE", null)).isInstanceOf(SQLException.class);
        assertThat(headline(rulingId)).isEqualTo(before);
    }

    @Test
    void theSuccessorLinkCanBeSetOnlyOnce() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        Actor editor = TestApi.user(Role.EDITOR);
        long v1 = RulingKit.published(checker, checker, editor, "A ruling whose successor link is set in SQL.", "false");
        long other = RulingKit.published(checker, checker, editor, "Another ruling to point a link at.", "true");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE ruling SET status = 'SUPERSEDED', superseded_by = ?,"
                    + " superseded_at = now() WHERE id = ?")) {
                ps.setLong(1, other);
                ps.setLong(2, v1);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE ruling SET superseded_by = ? WHERE id = ?")) {
                ps.setLong(1, v1);
                ps.setLong(2, v1);
                assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("already superseded");
            }
            c.rollback();
        }
    }

    @Test
    void draftsMayStillChangeUntilPublished() throws Exception {
        Actor checker = TestApi.user(Role.FACT_CHECKER);
        long claimId = researchingClaim(checker, checker, "A claim whose draft is edited in SQL before publication.");
        long link = addLink(checker, claimId, "https://news.example.org/draft", null);
        long draftId = draftOk(checker, claimId, draftBody("false", List.of(link)));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE ruling SET headline = 'Edited draft' WHERE id = ?")) {
                ps.setLong(1, draftId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            c.rollback();
        }
    }

    private void execute(String sql, Long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (id == null) {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private String headline(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT headline FROM ruling WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
