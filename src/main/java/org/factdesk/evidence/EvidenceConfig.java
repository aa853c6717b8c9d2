package org.factdesk.evidence;

import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Upload limits: the largest file accepted and the content types (detected from the bytes) allowed. */
@ConfigMapping(prefix = "factdesk.evidence")
public interface EvidenceConfig {

    /** Largest file accepted; larger uploads get 413 and nothing is stored. */
    @WithDefault("25M")
    MemorySize maxSize();

    /** Content types accepted, as detected from the bytes; others get 415. */
    @WithDefault("image/jpeg,image/png,image/gif,image/webp,image/tiff,image/bmp,image/heic,image/avif,"
            + "application/pdf,text/plain,text/csv,"
            + "audio/mpeg,audio/mp4,audio/ogg,audio/opus,audio/vorbis,audio/wav,audio/vnd.wave,audio/x-wav,audio/flac,"
            + "audio/x-flac,audio/webm,audio/aac,"
            + "video/mp4,video/quicktime,video/webm,video/ogg,video/x-matroska,video/mpeg,video/3gpp,"
            + "application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint,application/rtf,"
            + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
            + "application/vnd.openxmlformats-officedocument.presentationml.presentation,"
            + "application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,"
            + "application/vnd.oasis.opendocument.presentation,"
            + "text/html,application/xhtml+xml,multipart/related,message/rfc822,application/warc")
    List<String> allowedTypes();
}
