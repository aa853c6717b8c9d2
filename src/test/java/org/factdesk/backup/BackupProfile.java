package org.factdesk.backup;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.MachineDatabase;
import org.factdesk.evidence.S3StorageProfile;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on the machine's PostgreSQL (127.0.0.1:5432, whose pg_dump and pg_restore match the server), in a
 * database of its own, with evidence in an s3proxy bucket: what a production backup is taken from.
 */
public class BackupProfile implements QuarkusTestProfile {

    public static final String HOST = MachineDatabase.HOST;
    public static final int PORT = MachineDatabase.PORT;
    public static final String USER = MachineDatabase.USER;
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
        return MachineDatabase.jdbcUrl(database);
    }

    /** Runs one statement on the server's maintenance database. */
    static void admin(String sql) throws SQLException {
        MachineDatabase.admin(sql);
    }

    /** A fresh database for the service, dropped afterwards. */
    public static class Database extends MachineDatabase.Fresh {
        public Database() {
            super(DATABASE, "The backup test");
        }
    }
}
