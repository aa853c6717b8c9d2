package org.factdesk.transparency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.factdesk.MachineDatabase;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service in a database of its own on the machine's PostgreSQL (127.0.0.1:5432, superuser postgres), so that
 * tests can tamper with the log as an attacker with superuser rights would, without touching other tests' data.
 */
public class TamperProfile implements QuarkusTestProfile {

    static final String DATABASE = "factdesk_tamper_test_" + ProcessHandle.current().pid();

    static String url(String database) {
        return MachineDatabase.jdbcUrl(database);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", url(DATABASE), "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "factdesk.transparency.key-file", "target/test-tamper-signing-key.pem");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    /** Runs statements as the superuser in the service's database, in one transaction. */
    static void superuser(String... sql) {
        try (Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "postgres");
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String q : sql) {
                s.execute(q);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection as the superuser (autocommit off: commit what you change). */
    static Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "postgres");
        c.setAutoCommit(false);
        return c;
    }

    public static class Database extends MachineDatabase.Fresh {
        public Database() {
            super(DATABASE, "The tamper tests");
        }
    }
}
