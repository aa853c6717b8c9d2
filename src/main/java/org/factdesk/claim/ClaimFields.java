package org.factdesk.claim;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a claim's fields follow however the claim arrives (a submission, a line of a bulk import), in one place so
 * that every way in accepts exactly the same claims and stores them the same way.
 */
public final class ClaimFields {

    public static final int STATEMENT_MIN = 10;
    public static final int STATEMENT_MAX = 2000;
    public static final int CLAIMANT_MAX = 200;
    public static final int TAGS_MAX = 10;
    public static final String TAG_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,39}$";
    public static final String TAG_MESSAGE = "1-40 letters, digits, spaces, _ or -";
    public static final String LANGUAGE_PATTERN = "^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$";
    public static final String LANGUAGE_MESSAGE = "must be a BCP 47 language tag such as en or pt-BR";

    private ClaimFields() {
    }

    /**
     * The details of a new claim from the fields as sent (already valid): text stripped, blank optional text absent,
     * the language tag lower-cased, tags lower-cased without repeats. The language stays null when not given (it is
     * detected at submission).
     */
    public static Claim.Details submission(String statement, String claimant, String sourceUrl, LocalDate claimedAt,
            String language, List<String> tags, Priority priority) {
        return new Claim.Details(statement.strip(), blankToNull(claimant), blankToNull(sourceUrl), claimedAt,
                language == null ? null : language.toLowerCase(Locale.ROOT), normalizeTags(tags), priority);
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static List<String> normalizeTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> set = new LinkedHashSet<>();
        for (String t : tags) {
            set.add(t.strip().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(set);
    }
}
