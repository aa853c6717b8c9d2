package org.factdesk.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.evidence.S3StorageProfile;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on the machine's PostgreSQL (127.0.0.1:5432, whose pg_dump and pg_restore match the server), in a
 * database of its own, with evidence in an s3proxy bucket: what a production backup is taken from.
 */
public class BackupProfile implements QuarkusTestProfile {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String USER = "postgres";
    public static final String DATABASE = "factdesk_backup_test_" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new S3StorageProfile().getConfigOverrides());
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", USER);
        config.put("quarkus.datasource.password", "postgres");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class), new TestResourceEntry(S3StorageProfile.Server.class));
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Runs one statement on the server's maintenance database. */
    static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "postgres");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A fresh database for the service, dropped afterwards. */
    public static class Database implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
                admin("CREATE DATABASE " + DATABASE);
            } catch (SQLException e) {
                throw new IllegalStateException("The backup test needs the machine's PostgreSQL at " + HOST + ":" + PORT
                        + " (user " + USER + "): " + e.getMessage(), e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            try {
                admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            } catch (SQLException e) {
                // left for the next run's DROP
            }
        }
    }
}
