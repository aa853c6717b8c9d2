package org.factdesk.evidence;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;

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

    /**
     * The detected type (without parameters), reading only the head of the file: the name's refinement when that is
     * allowed, otherwise what the bytes alone say (so notes.ini stays text/plain).
     */
    public String detect(Path file, String fileName) throws IOException {
        String byBytes;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byBytes = base(tika.detect(in));
        }
        if (UNKNOWN.equals(byBytes)) {
            return UNKNOWN;
        }
        String refined;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            refined = base(tika.detect(in, fileName));
        }
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
