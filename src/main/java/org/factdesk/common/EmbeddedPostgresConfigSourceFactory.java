package org.factdesk.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Supplies the datasource of an embedded PostgreSQL (data kept on disk) when no JDBC URL is configured.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_KEY = "quarkus.datasource.jdbc.url";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL_KEY);
        ConfigValue enabled = context.getValue("factdesk.db.embedded");
        if ((url != null && url.getValue() != null && !url.getValue().isBlank())
                || (enabled != null && "false".equalsIgnoreCase(enabled.getValue()))) {
            return List.of();
        }
        ConfigValue dir = context.getValue("factdesk.db.dir");
        ConfigValue clean = context.getValue("factdesk.db.clean");
        Path dataDir = Path.of(dir == null || dir.getValue() == null ? ".factdesk" : dir.getValue())
                .toAbsolutePath().normalize().resolve("pgdata");
        boolean cleanStart = clean != null && "true".equalsIgnoreCase(clean.getValue());
        return List.of(new EmbeddedSource(() -> EmbeddedServer.urlFor(dataDir, cleanStart)));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    /** A lazily started embedded server: nothing starts until the JDBC URL is actually read. */
    static final class EmbeddedSource implements ConfigSource {
        private final Supplier<String> url;

        EmbeddedSource(Supplier<String> url) {
            this.url = url;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(URL_KEY, "quarkus.datasource.username", "quarkus.datasource.password");
        }

        @Override
        public String getValue(String name) {
            if (duringBuild()) {
                return null;
            }
            return switch (name) {
                case URL_KEY -> url.get();
                case "quarkus.datasource.username" -> "postgres";
                case "quarkus.datasource.password" -> "postgres";
                default -> null;
            };
        }

        @Override
        public int getOrdinal() {
            return 50;
        }

        /** The Quarkus build reads runtime properties too; the server must start only when the application does. */
        private static boolean duringBuild() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> {
                String c = f.getClassName();
                return c.startsWith("io.quarkus.builder.") || c.equals("io.quarkus.deployment.QuarkusAugmentor");
            }));
        }

        @Override
        public String getName() {
            return "factdesk-embedded-postgres";
        }
    }

    /**
     * One embedded server per data directory and JVM. Its URL is kept in a system property so that dev-mode
     * reloads (new class loaders) reuse the running server instead of starting a second one.
     */
    public static final class EmbeddedServer {
        private static EmbeddedPostgres server;
        private static Path dataDirectory;

        private EmbeddedServer() {
        }

        static synchronized String urlFor(Path dataDir, boolean clean) {
            String key = "factdesk.embedded.url." + dataDir;
            String known = System.getProperty(key);
            if (known != null && (server != null || reachable(known))) {
                // a server this class started and that is down now (an outage test, a crash) is not replaced by a
                // fresh one: reading the URL must never start, let alone wipe, a database
                return known;
            }
            try {
                Files.createDirectories(dataDir.getParent());
                if (clean) {
                    deleteRecursively(dataDir);
                }
                boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
                server = builder(dataDir).setServerConfig("fsync", clean ? "off" : "on").start();
                dataDirectory = dataDir;
                String jdbc = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
                System.setProperty(key, jdbc);
                LOG.infof("Embedded PostgreSQL %s at %s (data in %s)", fresh ? "initialised" : "started", jdbc, dataDir);
                return jdbc;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
            }
        }

        /** Whether this JVM runs an embedded server (false when a datasource URL is configured). */
        public static synchronized boolean isRunning() {
            return server != null;
        }

        /**
         * Stops the embedded server of this JVM (used by tests that simulate a database outage). zonky's close() is
         * {@code pg_ctl stop -m fast}: a fast shutdown, which terminates every session (SQLState 57P01) and rolls
         * back open transactions, also those that are committing.
         */
        public static synchronized void stop() throws IOException {
            if (server != null) {
                server.close();
            }
        }

        /**
         * Terminates every other client backend, as an administrator's {@code pg_terminate_backend} does (the
         * sessions get {@code FATAL: terminating connection due to administrator command}); returns how many.
         */
        public static int terminateOtherBackends() throws java.sql.SQLException {
            EmbeddedPostgres running;
            synchronized (EmbeddedServer.class) {
                running = server;
            }
            try (java.sql.Connection c = running.getPostgresDatabase().getConnection();
                    java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("""
                            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'""")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        /** Starts the embedded server again on the same port and data directory after {@link #stop()}. */
        public static synchronized void restart() throws IOException {
            server = builder(dataDirectory).setPort(server.getPort()).start();
        }

        private static EmbeddedPostgres.Builder builder(Path dataDir) {
            return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200").setPGStartupWait(java.time.Duration.ofSeconds(60));
        }

        private static void deleteRecursively(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        private static boolean reachable(String jdbcUrl) {
            String hostPort = jdbcUrl.replaceFirst("jdbc:postgresql://", "").replaceFirst("/.*", "");
            int colon = hostPort.lastIndexOf(':');
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
