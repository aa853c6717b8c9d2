package org.factdesk;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Databases of their own on the machine's PostgreSQL (127.0.0.1:5432, superuser postgres), for tests that need
 * what the embedded server cannot give: its pg_dump and pg_restore, or superuser rights to tamper as an attacker.
 */
public final class MachineDatabase {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private MachineDatabase() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Runs one statement on the server's maintenance database. */
    public static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A fresh database for the service under test, dropped afterwards; subclasses name it. */
    public abstract static class Fresh implements QuarkusTestResourceLifecycleManager {
        private final String database;
        private final String who;

        protected Fresh(String database, String who) {
            this.database = database;
            this.who = who;
        }

        @Override
        public Map<String, String> start() {
            try {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                admin("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new IllegalStateException(who + " need(s) the machine's PostgreSQL at " + HOST + ":" + PORT
                        + " (user " + USER + "): " + e.getMessage(), e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            try {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                // left for the next run's DROP
            }
        }
    }
}
