package org.factdesk.evidence;

import java.util.List;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The test bucket seen with a client of its own, behind the service's back. */
final class TestBucket {

    static final String BUCKET = S3StorageProfile.BUCKET;
    private static S3Client client;

    private TestBucket() {
    }

    static synchronized S3Client s3() {
        if (client == null) {
            client = S3StorageProfile.client();
        }
        return client;
    }

    static List<String> keys(String prefix) {
        return s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    static List<MultipartUpload> multipartUploads() {
        return s3().listMultipartUploadsPaginator(b -> b.bucket(BUCKET)).uploads().stream().toList();
    }

    static byte[] object(String key) {
        return s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    /** Waits (up to 10 s) until running uploads have released their temporary objects and multipart uploads. */
    static void awaitNoTemporaries() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while ((!keys("tmp/").isEmpty() || !multipartUploads().isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}
