package org.factdesk.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/** Runs the outsider's verifier (tools/verify-log, node, no Factdesk code) against the service under test. */
final class LogVerifier {

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private LogVerifier() {
    }

    static Result run(Path state, String... options) {
        List<String> command = new ArrayList<>(List.of("node", "tools/verify-log/verify-log.mjs", "--url",
                "http://localhost:" + RestAssured.port, "--state", state.toString()));
        command.addAll(List.of(options));
        try {
            Path out = Files.createTempFile("verify-log", ".out");
            Path err = Files.createTempFile("verify-log", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("verify-log did not finish");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node tools/verify-log (is node on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
