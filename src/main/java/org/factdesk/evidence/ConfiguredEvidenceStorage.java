package org.factdesk.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.factdesk.evidence.EvidenceStorageConfig.Kind;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The storage the rest of Factdesk sees: new uploads go to the configured one ({@code factdesk.evidence.storage}),
 * reads go to wherever a file's key says its bytes are, so files stay readable while they are moved from PostgreSQL
 * to the bucket, and after.
 */
@ApplicationScoped
public class ConfiguredEvidenceStorage implements EvidenceStorage {

    private static final Logger LOG = Logger.getLogger(ConfiguredEvidenceStorage.class);

    @Inject
    EvidenceStorageConfig config;
    @Inject
    PostgresEvidenceStorage postgres;
    @Inject
    S3EvidenceStorage s3;

    void check(@Observes StartupEvent event) {
        if (config.storage() == Kind.S3) {
            if (!s3.configured()) {
                throw new IllegalStateException(
                        "factdesk.evidence.storage=s3 needs factdesk.evidence.s3.bucket (and credentials)");
            }
            LOG.infof("Evidence uploads go to bucket %s%s", s3.bucket(),
                    config.s3().endpoint().map(e -> " at " + e).orElse(""));
        }
    }

    private EvidenceStorage uploads() {
        return config.storage() == Kind.S3 ? s3 : postgres;
    }

    private EvidenceStorage of(String key) throws IOException {
        if (postgres.holds(key)) {
            return postgres;
        }
        if (s3.holds(key)) {
            if (!s3.configured()) {
                throw new IOException("file " + key + " is in object storage, but factdesk.evidence.s3.bucket is not set");
            }
            return s3;
        }
        throw new IOException("unknown storage key " + key);
    }

    private EvidenceStorage of(Staged staged) {
        return staged instanceof S3EvidenceStorage.StagedObject ? s3 : postgres;
    }

    @Override
    public Staged stage(InputStream bytes) throws IOException {
        return uploads().stage(bytes);
    }

    @Override
    public Stored commit(Staged staged) throws IOException {
        return of(staged).commit(staged);
    }

    @Override
    public void release(Staged staged) {
        of(staged).release(staged);
    }

    @Override
    public boolean holds(String key) {
        return postgres.holds(key) || s3.holds(key);
    }

    @Override
    public void read(String key, long offset, long length, OutputStream out) throws IOException {
        of(key).read(key, offset, length, out);
    }

    @Override
    public String sha256(String key) throws IOException {
        return of(key).sha256(key);
    }

    /** A short-lived URL to fetch the bytes from the bucket directly, when that is allowed and they are there. */
    public Optional<URI> presignedDownload(String key, String contentDisposition, String contentType) {
        if (!config.s3().presignedDownloads() || !s3.holds(key) || !s3.configured()) {
            return Optional.empty();
        }
        return Optional.of(s3.presignedDownload(key, contentDisposition, contentType));
    }
}
