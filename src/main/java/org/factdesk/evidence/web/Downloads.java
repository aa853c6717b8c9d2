package org.factdesk.evidence.web;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP details of serving stored files: the attachment header and single byte ranges. */
final class Downloads {

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private Downloads() {
    }

    /** {@code attachment} with an ASCII fallback name and the exact (already sanitised) name in RFC 5987 form. */
    static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        fileName.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\'
                ? (char) cp : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(fileName);
    }

    private static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** A requested byte range, inclusive, within a file. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** Outcome of reading a {@code Range} header: serve whole, serve a part, or refuse (416). */
    sealed interface RangeRequest permits Whole, Part, Unsatisfiable {
    }

    /** No usable range: serve the whole file (also for multiple ranges and malformed headers, as RFC 9110 allows). */
    record Whole() implements RangeRequest {
    }

    /** One satisfiable range. */
    record Part(Range range) implements RangeRequest {
    }

    /** A well-formed range that lies outside the file. */
    record Unsatisfiable() implements RangeRequest {
    }

    static RangeRequest parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Part(new Range(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            return new Part(new Range(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
