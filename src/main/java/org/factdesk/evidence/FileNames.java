package org.factdesk.evidence;

import java.text.Normalizer;

/** Turns a client-supplied file name into one that is safe to store and to send back in a download header. */
public final class FileNames {

    static final int MAX_LENGTH = 200;
    static final int MAX_ORIGINAL_LENGTH = 1024;

    private FileNames() {
    }

    /**
     * The last path segment with control, format and quote characters removed, leading dots and surrounding
     * blanks trimmed and the length capped (keeping the extension); {@code fallback} when nothing is left.
     */
    public static String sanitize(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFC);
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(cut + 1);
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(FileNames::allowed).forEach(sb::appendCodePoint);
        s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1).stripLeading();
        }
        s = s.replaceAll("\\s+", " ");
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            s = shorten(s);
        }
        return s.isEmpty() ? fallback : s;
    }

    /** The name as the client sent it, for the record: only NUL removed (PostgreSQL text cannot hold it), capped. */
    public static String original(String name) {
        if (name == null) {
            return null;
        }
        String s = name.replace("\u0000", "");
        return s.length() > MAX_ORIGINAL_LENGTH ? s.substring(0, MAX_ORIGINAL_LENGTH) : s;
    }

    private static boolean allowed(int cp) {
        if (cp == '"' || cp == '\'' || cp == '`' || cp == '<' || cp == '>' || cp == '|' || cp == '*' || cp == '?'
                || cp == ':' || cp == ';' || cp == '%') {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static String shorten(String s) {
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
        String base = ext.isEmpty() ? s : s.substring(0, dot);
        int keep = MAX_LENGTH - ext.length();
        int end = base.offsetByCodePoints(0, Math.min(keep, base.codePointCount(0, base.length())));
        return base.substring(0, end).strip() + ext;
    }
}
