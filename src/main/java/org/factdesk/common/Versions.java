package org.factdesk.common;

import java.util.Map;

/** Entity-tag handling for optimistic concurrency: {@code ETag: "<version>"} and {@code If-Match}. */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Parses a required {@code If-Match} header: 428 when absent, 400 when it is not one of our tags. */
    public static long requireIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "This write needs an If-Match header with the ETag of the version you edited");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be an ETag such as \"3\"");
        }
    }

    /** 412 unless the client edited the current version. */
    public static void check(long expected, long current) {
        if (expected != current) {
            throw new ProblemException(412, "precondition-failed", "Precondition failed",
                    "The resource changed since you read it (you sent version " + expected + ", current is "
                            + current + "); reload and apply your change again",
                    Map.of("currentVersion", current), Map.of("ETag", etag(current)));
        }
    }
}
