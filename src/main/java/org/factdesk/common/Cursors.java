package org.factdesk.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: the last id of a page, base64url-encoded. */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor; a malformed one is a 400 problem. Null stays null (first page). */
    public static Long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("k")) {
                throw new IllegalArgumentException();
            }
            long id = Long.parseLong(raw.substring(1));
            if (id < 0) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The cursor is not valid; use nextCursor from a previous page");
        }
    }

    /** Clamps a page size to 1..max, defaulting when absent. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.unprocessable("limit", "must be between 1 and " + max);
        }
        return requested;
    }
}
