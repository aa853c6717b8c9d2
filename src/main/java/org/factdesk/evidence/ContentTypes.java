package org.factdesk.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects a file's type from its first bytes with Apache Tika and checks it against the allowlist. The file name
 * may only refine what the bytes establish (text to CSV, a ZIP container to an office document) into another allowed
 * type; bytes Tika cannot recognise are refused whatever the name says.
 */
@ApplicationScoped
public class ContentTypes {

    private static final String UNKNOWN = MediaType.OCTET_STREAM.toString();
    private final Tika tika = new Tika();
    private final Set<String> allowed;

    @Inject
    public ContentTypes(EvidenceConfig config) {
        this.allowed = config.allowedTypes().stream().map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** How many leading bytes detection needs: Tika's magic patterns never look further. */
    public int headLength() {
        return Math.max(64 * 1024, MimeTypes.getDefaultMimeTypes().getMinLength());
    }

    /**
     * The detected type (without parameters) from the head of the file ({@link #headLength} bytes, or all of a
     * shorter file): the name's refinement when that is allowed, otherwise what the bytes alone say (so notes.ini
     * stays text/plain).
     */
    public String detect(byte[] head, String fileName) throws IOException {
        String byBytes = base(tika.detect(new ByteArrayInputStream(head)));
        if (UNKNOWN.equals(byBytes)) {
            return UNKNOWN;
        }
        String refined = base(tika.detect(new ByteArrayInputStream(head), fileName));
        return allowed(refined) ? refined : byBytes;
    }

    public boolean allowed(String contentType) {
        return allowed.contains(contentType);
    }

    public Set<String> allowedTypes() {
        return allowed;
    }

    private static String base(String type) {
        MediaType parsed = MediaType.parse(type);
        return parsed == null ? UNKNOWN : parsed.getBaseType().toString().toLowerCase(Locale.ROOT);
    }
}
