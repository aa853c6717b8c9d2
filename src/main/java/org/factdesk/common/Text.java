package org.factdesk.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.factdesk.common.ProblemException.FieldError;

/**
 * The one rule for text the service accepts, applied at every entry point (JSON strings, query and path parameters,
 * form and multipart fields, file names) so that what a 2xx answer echoes is exactly what is stored and read back.
 *
 * <p>Refused: U+0000 (PostgreSQL's {@code text} cannot hold it, so it used to surface as a 500), unpaired UTF-16
 * surrogates (not Unicode scalar values: the UTF-8 encoder stored them as {@code ?} while the answer echoed them),
 * the other C0 controls except tab, line feed and carriage return (invisible, and they break CSV and terminal
 * output), and the noncharacters U+FFFE and U+FFFF. Together this is exactly XML 1.0's {@code Char} production, so
 * every stored text can also be exported to XML-based newsroom formats without loss; U+FFFE is moreover a
 * byte-swapped byte-order mark that some readers take as an encoding signal. Everything else, including astral
 * planes, combining marks, bidirectional controls and emoji sequences, is stored exactly as sent.
 */
public final class Text {

    private Text() {
    }

    /** Why {@code s} is refused (without echoing it), or {@code null} when it is acceptable or null. */
    public static String problem(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate (" + codePoint(c) + " at index " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (" + codePoint(c) + " at index " + i + ")";
            }
            if (c == 0) {
                return "must not contain NUL (U+0000 at index " + i + ")";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain the control character " + codePoint(c) + " (at index " + i + ")";
            }
            if (c == 0xFFFE || c == 0xFFFF) {
                return "must not contain the noncharacter " + codePoint(c) + " (at index " + i + ")";
            }
        }
        return null;
    }

    /** Whether {@code s} passes the rule (null passes). */
    public static boolean acceptable(String s) {
        return problem(s) == null;
    }

    /** Returns {@code value}, or throws a 422 problem naming {@code field}. */
    public static String require(String field, String value) {
        String why = problem(value);
        if (why != null) {
            throw ProblemException.unprocessable(field, why);
        }
        return value;
    }

    /** Checks several named values at once; a 422 problem lists every refused one. */
    public static void requireAll(Map<String, String> fields) {
        List<FieldError> errors = errors(fields);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    /** The refused values among {@code fields}, in iteration order. */
    public static List<FieldError> errors(Map<String, String> fields) {
        List<FieldError> errors = new ArrayList<>();
        fields.forEach((name, value) -> {
            String why = problem(value);
            if (why != null) {
                errors.add(new FieldError(name, why));
            }
        });
        return errors;
    }

    /** An ordered map for {@link #requireAll}, which (unlike {@code Map.of}) takes null values. */
    public static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
