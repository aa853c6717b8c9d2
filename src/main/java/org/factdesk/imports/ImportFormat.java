package org.factdesk.imports;

import java.util.Optional;

/** The body formats an import takes, by media type. */
public enum ImportFormat {
    /** Newline-delimited JSON: one JSON object per line (the fields of {@link ClaimLine}). */
    NDJSON("application/x-ndjson", false),
    /** RFC 4180 CSV with a header row naming the columns; quoted fields may span lines. */
    CSV("text/csv", true);

    private final String mediaType;
    private final boolean quoted;

    ImportFormat(String mediaType, boolean quoted) {
        this.mediaType = mediaType;
        this.quoted = quoted;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether line breaks inside double quotes belong to the record (CSV). */
    boolean quoted() {
        return quoted;
    }

    /**
     * The format of a media type ({@code type/subtype}, any case) with its charset parameter, if any; empty for other
     * types and for a charset other than UTF-8 (the only encoding read).
     */
    public static Optional<ImportFormat> of(String type, String charset) {
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            return Optional.empty();
        }
        for (ImportFormat f : values()) {
            if (f.mediaType.equalsIgnoreCase(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
