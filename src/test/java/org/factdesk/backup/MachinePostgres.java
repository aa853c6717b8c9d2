package org.factdesk.backup;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test where the machine's PostgreSQL and its pg_dump/pg_restore are there; elsewhere skips it with a
 * warning, except in CI (CI=true or FACTDESK_BACKUP_TEST_REQUIRED=true), where it runs and fails without them.
 */
class MachinePostgres implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv("FACTDESK_BACKUP_TEST_REQUIRED"))) {
            return ConditionEvaluationResult.enabled("required here");
        }
        String missing = null;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(BackupProfile.HOST, BackupProfile.PORT), 1000);
        } catch (Exception e) {
            missing = "no PostgreSQL at " + BackupProfile.HOST + ":" + BackupProfile.PORT;
        }
        if (missing == null && !onPath("pg_dump")) {
            missing = "no pg_dump on PATH (apt-get install postgresql-client)";
        }
        if (missing != null) {
            System.err.println("WARNING: skipping " + context.getDisplayName() + ": " + missing);
            return ConditionEvaluationResult.disabled(missing);
        }
        return ConditionEvaluationResult.enabled("PostgreSQL and its tools are here");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
