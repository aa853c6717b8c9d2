package org.factdesk.comment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code @username} candidates in comment text (not preceded by a word character or another {@code @}). */
final class Mentions {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9][A-Za-z0-9._-]{0,39})");

    private Mentions() {
    }

    /** Lower-cased candidate usernames in order of first appearance; trailing dots and dashes are punctuation. */
    static List<String> candidates(String body) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(body);
        while (m.find()) {
            String name = m.group(1).replaceAll("[.-]+$", "").toLowerCase(Locale.ROOT);
            if (name.length() >= 2) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }
}
