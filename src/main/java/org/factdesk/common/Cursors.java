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

    /** A position in a ranked listing: the rank and id of the last item of a page. */
    public record Ranked(float rank, long id) {
    }

    public static String encode(Ranked last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("r" + last.rank() + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a ranked cursor (see {@link #encode(Ranked)}); a malformed one is a 400 problem. */
    public static Ranked decodeRanked(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (!raw.startsWith("r") || colon < 0) {
                throw new IllegalArgumentException();
            }
            // Float.toString gives back exactly the float the database ranked with, so the keyset holds
            float rank = Float.parseFloat(raw.substring(1, colon));
            long id = Long.parseLong(raw.substring(colon + 1));
            if (id < 0 || !Float.isFinite(rank)) {
                throw new IllegalArgumentException();
            }
            return new Ranked(rank, id);
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
