package org.factdesk.evidence;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where evidence bytes are kept: in PostgreSQL (the default, nothing else to run) or in an S3-compatible bucket.
 * Credentials for the bucket come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the
 * aws.accessKeyId/aws.secretAccessKey system properties, ~/.aws, container or instance roles), never from here.
 */
@ConfigMapping(prefix = "factdesk.evidence")
public interface EvidenceStorageConfig {

    /** Which storage new uploads go to ({@code postgres} or {@code s3}); reads follow each file's key. */
    @WithDefault("postgres")
    Kind storage();

    S3 s3();

    Cleanup cleanup();

    /** The kinds of storage. */
    enum Kind {
        POSTGRES, S3
    }

    /** The bucket. */
    interface S3 {
        /** Bucket name; required when {@code factdesk.evidence.storage=s3} or when files were moved there. */
        Optional<String> bucket();

        /** Endpoint of an S3-compatible service (MinIO, Ceph RGW, Garage); unset for AWS itself. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (MinIO and most others). */
        @WithDefault("false")
        boolean pathStyle();

        /**
         * Size of each part of a multipart upload: the most an upload holds in memory (5 MiB is the smallest S3
         * accepts; 10,000 parts make the largest file 10,000 times this).
         */
        @WithDefault("8M")
        MemorySize partSize();

        /** Answer downloads with a redirect to a short-lived pre-signed URL of the object (after the access checks). */
        @WithDefault("false")
        boolean presignedDownloads();

        /** How long a pre-signed download URL stays valid. */
        @WithDefault("5M")
        Duration presignTtl();
    }

    /** The sweep that removes what failed or interrupted uploads left behind. */
    interface Cleanup {
        /** Staged bytes and unfinished multipart uploads older than this are removed (longer than any upload takes). */
        @WithDefault("6H")
        Duration after();

        /** How often the sweep runs (one instance at a time). */
        @WithDefault("10m")
        String every();
    }
}
