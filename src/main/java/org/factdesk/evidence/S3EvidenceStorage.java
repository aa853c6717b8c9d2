package org.factdesk.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.factdesk.common.Clock;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Keeps bytes in an S3-compatible bucket, keyed by content: {@code sha256/<hex>}, so a second upload of the same
 * bytes stores nothing new. The hash is known only once the last byte has passed, so an upload streams (multipart,
 * one part in memory at a time) to a temporary key {@code tmp/<uuid>}; the evidence row's transaction then takes a
 * lock on the hash, copies the object to its content key server-side if that key is not there yet, and commits; the
 * temporary object is deleted afterwards. Files no larger than one part skip the temporary key: they are in memory
 * anyway and are written to their content key directly. A content object written for a transaction that then fails
 * is listed in {@code evidence_object_pending} (in a transaction of its own, before the write), so the sweep can
 * delete it if no evidence row came to reference it.
 */
@ApplicationScoped
@Typed(S3EvidenceStorage.class)
public class S3EvidenceStorage implements EvidenceStorage {

    static final String CONTENT_PREFIX = "sha256/";
    static final String TEMP_PREFIX = "tmp/";
    /** The largest object one CopyObject call may copy; larger ones are copied part by part. */
    static final long SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    private static final long MIN_PART = 5L * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(S3EvidenceStorage.class);

    @Inject
    EvidenceStorageConfig config;
    @Inject
    EntityManager em;

    private volatile S3Client client;
    private volatile S3Presigner presigner;
    long multipartCopyAbove = SINGLE_COPY_LIMIT;

    /** An upload streamed to a temporary key (large) or held in memory (at most one part). */
    record StagedObject(String tempKey, byte[] bytes, long size, String sha256) implements Staged {
    }

    /** Whether a bucket is configured at all. */
    public boolean configured() {
        return config.s3().bucket().filter(b -> !b.isBlank()).isPresent();
    }

    String bucket() {
        return config.s3().bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                "factdesk.evidence.s3.bucket is not set"));
    }

    S3Client s3() {
        S3Client c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    var s3 = config.s3();
                    var builder = S3Client.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder()
                                    .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(120)))
                            .region(Region.of(s3.region()))
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .forcePathStyle(s3.pathStyle())
                            // third-party S3 services do not all accept the SDK's default trailing checksums;
                            // Factdesk checks every object by its own SHA-256 anyway
                            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
                    s3.endpoint().ifPresent(builder::endpointOverride);
                    client = builder.build();
                }
                c = client;
            }
        }
        return c;
    }

    private S3Presigner presigner() {
        S3Presigner p = presigner;
        if (p == null) {
            synchronized (this) {
                if (presigner == null) {
                    var s3 = config.s3();
                    var builder = S3Presigner.builder().region(Region.of(s3.region()))
                            .credentialsProvider(DefaultCredentialsProvider.builder().build())
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle())
                                    .build());
                    s3.endpoint().ifPresent(builder::endpointOverride);
                    presigner = builder.build();
                }
                p = presigner;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
        if (presigner != null) {
            presigner.close();
        }
    }

    private int partSize() {
        return (int) Math.max(MIN_PART, Math.min(config.s3().partSize().asLongValue(), 512L * 1024 * 1024));
    }

    static String contentKey(String sha256) {
        return CONTENT_PREFIX + sha256;
    }

    @Override
    public Staged stage(InputStream bytes) throws IOException {
        MessageDigest digest = Digests.sha256();
        byte[] part = new byte[partSize()];
        int n = bytes.readNBytes(part, 0, part.length);
        digest.update(part, 0, n);
        if (n < part.length) {
            byte[] all = java.util.Arrays.copyOf(part, n);
            return new StagedObject(null, all, n, HexFormat.of().formatHex(digest.digest()));
        }
        String tempKey = TEMP_PREFIX + UUID.randomUUID();
        String uploadId = call(() -> s3().createMultipartUpload(b -> b.bucket(bucket()).key(tempKey)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            while (n > 0) {
                int partNo = parts.size() + 1;
                int length = n;
                String etag = call(() -> s3().uploadPart(b -> b.bucket(bucket()).key(tempKey).uploadId(uploadId)
                        .partNumber(partNo).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)).eTag());
                parts.add(CompletedPart.builder().partNumber(partNo).eTag(etag).build());
                size += n;
                n = bytes.readNBytes(part, 0, part.length);
                digest.update(part, 0, n);
            }
            call(() -> s3().completeMultipartUpload(b -> b.bucket(bucket()).key(tempKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
            return new StagedObject(tempKey, null, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | RuntimeException | Error e) {
            abort(tempKey, uploadId);
            throw e;
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3().abortMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warnf("Could not abort multipart upload %s of %s now (the sweep will): %s", uploadId, key,
                    e.getMessage());
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored commit(Staged staged) throws IOException {
        return commit((StagedObject) staged, false);
    }

    /**
     * As {@link #commit}, and re-reads the content object and compares its SHA-256: an object that does not match
     * (corrupted in the bucket, or left half-written) is written again from the staged bytes and checked once more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored commitVerified(Staged staged) throws IOException {
        return commit((StagedObject) staged, true);
    }

    private Stored commit(StagedObject object, boolean verify) throws IOException {
        String key = contentKey(object.sha256());
        lockContent(key);
        Optional<HeadObjectResponse> existing = head(key);
        if (existing.isEmpty() || existing.get().contentLength() != object.size()) {
            write(object, key);
        }
        if (verify && !object.sha256().equals(sha256OrNull(key))) {
            LOG.warnf("Object %s did not match its hash; writing it again", key);
            write(object, key);
            String again = sha256OrNull(key);
            if (!object.sha256().equals(again)) {
                throw new IOException("object " + key + " does not match its hash after writing (" + again + ")");
            }
        }
        // last: the pending entry's row lock is this transaction's from here on
        em.createNativeQuery("DELETE FROM evidence_object_pending WHERE object_key = ?1").setParameter(1, key)
                .executeUpdate();
        return new Stored(key, object.size(), object.sha256());
    }

    private String sha256OrNull(String key) throws IOException {
        try {
            return sha256(key);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Serialises everything that writes, adopts or deletes one content object, until the transaction ends. */
    void lockContent(String key) {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1, hashtext(?2)) AS text)")
                .setParameter(1, org.factdesk.common.AdvisoryLocks.EVIDENCE_STORAGE).setParameter(2, key).getSingleResult();
    }

    private void write(StagedObject object, String key) throws IOException {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO evidence_object_pending (object_key, created_at) VALUES (?1, ?2)
                ON CONFLICT (object_key) DO UPDATE SET created_at = EXCLUDED.created_at""")
                .setParameter(1, key).setParameter(2, Clock.now()).executeUpdate());
        if (object.tempKey() == null) {
            call(() -> s3().putObject(b -> b.bucket(bucket()).key(key).contentLength(object.size()),
                    RequestBody.fromBytes(object.bytes())));
        } else {
            copy(object.tempKey(), key, object.size());
        }
    }

    private void copy(String from, String to, long size) throws IOException {
        if (size <= multipartCopyAbove) {
            call(() -> s3().copyObject(b -> b.sourceBucket(bucket()).sourceKey(from).destinationBucket(bucket())
                    .destinationKey(to)));
            return;
        }
        String uploadId = call(() -> s3().createMultipartUpload(b -> b.bucket(bucket()).key(to)).uploadId());
        try {
            long partSize = Math.max(MIN_PART, Math.min(multipartCopyAbove, (size + 9_999) / 10_000));
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += partSize) {
                int partNo = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(size, first + partSize) - 1);
                String etag = call(() -> s3().uploadPartCopy(b -> b.sourceBucket(bucket()).sourceKey(from)
                        .destinationBucket(bucket()).destinationKey(to).uploadId(uploadId).partNumber(partNo)
                        .copySourceRange(range)).copyPartResult().eTag());
                parts.add(CompletedPart.builder().partNumber(partNo).eTag(etag).build());
            }
            call(() -> s3().completeMultipartUpload(b -> b.bucket(bucket()).key(to).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            abort(to, uploadId);
            throw e;
        }
    }

    @Override
    public void release(Staged staged) {
        String tempKey = ((StagedObject) staged).tempKey();
        if (tempKey != null) {
            try {
                s3().deleteObject(b -> b.bucket(bucket()).key(tempKey));
            } catch (SdkException e) {
                LOG.warnf("Could not delete %s now (the sweep will): %s", tempKey, e.getMessage());
            }
        }
    }

    @Override
    public boolean holds(String key) {
        return key != null && key.startsWith(CONTENT_PREFIX);
    }

    @Override
    public void read(String key, long offset, long length, OutputStream out) throws IOException {
        if (length <= 0) {
            return;
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try (InputStream in = call(() -> s3().getObject(b -> b.bucket(bucket()).key(key).range(range)))) {
            in.transferTo(out);
        }
    }

    @Override
    public String sha256(String key) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (InputStream in = call(() -> s3().getObject(b -> b.bucket(bucket()).key(key)))) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A short-lived URL that downloads the object as an attachment of this name and type. */
    URI presignedDownload(String key, String contentDisposition, String contentType) {
        return URI.create(presigner().presignGetObject(p -> p.signatureDuration(config.s3().presignTtl())
                .getObjectRequest(g -> g.bucket(bucket()).key(key).responseContentDisposition(contentDisposition)
                        .responseContentType(contentType).responseCacheControl("private, no-cache")))
                .url().toString());
    }

    /** The object's metadata, empty when there is none under this key. */
    Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(call(() -> s3().headObject(b -> b.bucket(bucket()).key(key))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Aborts multipart uploads begun before {@code cutoff}; returns how many. */
    int abortStaleUploads(Instant cutoff) throws IOException {
        int aborted = 0;
        for (MultipartUpload u : call(() -> s3().listMultipartUploadsPaginator(b -> b.bucket(bucket())).uploads())) {
            if (u.initiated() != null && u.initiated().isBefore(cutoff)) {
                abort(u.key(), u.uploadId());
                aborted++;
            }
        }
        return aborted;
    }

    /** Deletes temporary objects written before {@code cutoff}; returns how many. */
    int deleteStaleTemporaries(Instant cutoff) throws IOException {
        int deleted = 0;
        for (S3Object o : call(() -> s3().listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(TEMP_PREFIX))
                .contents())) {
            if (o.lastModified() != null && o.lastModified().isBefore(cutoff)) {
                call(() -> s3().deleteObject(b -> b.bucket(bucket()).key(o.key())));
                deleted++;
            }
        }
        return deleted;
    }

    /** Deletes a content object (the sweep, under {@link #lockContent}, once no evidence row references it). */
    void delete(String key) throws IOException {
        call(() -> s3().deleteObject(b -> b.bucket(bucket()).key(key)));
    }

    /** Writes a stream of known length to a key (the migration and tests); multipart above one part. */
    private interface SdkCall<T> {
        T run();
    }

    /** Runs an SDK call, turning its failures into IOExceptions (a missing key into NoSuchFileException). */
    static <T> T call(SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(e.getMessage());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(e.getMessage());
            }
            throw new IOException("object storage: " + e.getMessage(), e);
        } catch (SdkException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("object storage: " + e.getMessage(), e);
        }
    }
}
