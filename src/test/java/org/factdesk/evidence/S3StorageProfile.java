package org.factdesk.evidence;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The service with S3 evidence storage, against an s3proxy that the test starts on loopback. */
public class S3StorageProfile implements QuarkusTestProfile {

    public static final String BUCKET = "factdesk-test-evidence";
    public static final String ACCESS_KEY = "factdesk-test-access";
    public static final String SECRET_KEY = "factdesk-test-secret-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("factdesk.evidence.storage", "s3",
                "factdesk.evidence.s3.bucket", BUCKET,
                "factdesk.evidence.s3.path-style", "true",
                "factdesk.evidence.s3.part-size", "5M",
                // the tests run the sweep themselves
                "factdesk.evidence.cleanup.every", "24h");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    /** Starts s3proxy (its own JVM), creates the bucket, hands the endpoint to the service; credentials go the AWS way. */
    public static class Server implements QuarkusTestResourceLifecycleManager {
        private Process process;

        @Override
        public Map<String, String> start() {
            String endpoint;
            try {
                endpoint = startProcess();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the AWS SDK's default credentials chain reads these system properties first
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            try (S3Client s3 = client(endpoint)) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            return Map.of("factdesk.evidence.s3.endpoint", endpoint);
        }

        private String startProcess() throws IOException {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String own = Arrays.stream(classPath.split(File.pathSeparator))
                    .filter(entry -> !Path.of(entry).getFileName().toString().matches("guice-[0-5]\\..*"))
                    .collect(Collectors.joining(File.pathSeparator));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", own, "org.factdesk.evidence.S3ProxyServer", "0",
                    "--exit-with-parent").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("s3proxy listening on ")) {
                    Thread drain = new Thread(() -> {
                        try {
                            out.transferTo(Writer.nullWriter());
                        } catch (IOException e) {
                            // process ended
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return line.substring("s3proxy listening on ".length()).strip();
                }
                seen.add(line);
            }
            throw new IllegalStateException("s3proxy did not start:\n" + String.join("\n", seen));
        }

        @Override
        public void stop() {
            if (process != null) {
                process.destroy();
            }
        }
    }

    /** A client of its own for looking at (and tampering with) the bucket behind the service's back. */
    public static S3Client client() {
        return client(ConfigProvider.getConfig().getValue("factdesk.evidence.s3.endpoint", String.class));
    }

    static S3Client client(String endpoint) {
        return S3Client.builder().endpointOverride(java.net.URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }
}
