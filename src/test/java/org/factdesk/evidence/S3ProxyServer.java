package org.factdesk.evidence;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-protocol server on loopback (s3proxy over a jclouds blob store), with AWS signature checks, run as a
 * process of its own: {@code java -cp ... S3ProxyServer PORT [DIR] [--exit-with-parent]} (port 0 picks a free one; files
 * under DIR, in memory without it). Its own JVM because jclouds needs Guice 7, and Quarkus' test bootstrap brings
 * Guice 5 to the test class path; the benchmark runs it the same way.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = S3StorageProfile.ACCESS_KEY;
    public static final String SECRET_KEY = S3StorageProfile.SECRET_KEY;

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    /** Starts a server on a free loopback port (0) or the given one; files under {@code dir}, or in memory if null. */
    public static S3ProxyServer start(int port, Path dir) throws Exception {
        Properties overrides = new Properties();
        String provider = "transient";
        if (dir != null) {
            Files.createDirectories(dir);
            provider = "filesystem";
            overrides.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        }
        BlobStoreContext context = ContextBuilder.newBuilder(provider).credentials("identity", "credential")
                .overrides(overrides).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        return new S3ProxyServer(proxy, context);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = args.length > 1 && !args[1].startsWith("--") ? Path.of(args[1]) : null;
        S3ProxyServer server = start(port, dir);
        System.out.println("s3proxy listening on " + server.endpoint());
        System.out.flush();
        if (java.util.Arrays.asList(args).contains("--exit-with-parent")) {
            // the test JVM holds our stdin: when it ends, so do we
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // nothing is sent
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
                System.exit(0);
            });
            watcher.setDaemon(true);
            watcher.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
