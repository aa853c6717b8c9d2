package org.factdesk.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimAction;
import org.factdesk.claim.ClaimPolicy;
import org.factdesk.claim.ClaimRepository;
import org.factdesk.claim.LanguageGuess;
import org.factdesk.claim.SimilarClaims;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Text;
import org.factdesk.identity.Actor;

/** Similar-claim matching for the claim endpoints: validates the query, runs the indexed match, applies the policy. */
@ApplicationScoped
public class MatchingService implements SimilarClaims {

    static final int MAX_TEXT = 5000;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    private static final Pattern LANGUAGE = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$");
    /** ISO 639 codes Java knows, two- and three-letter, so that "xx" is refused rather than silently unstemmed. */
    private static final Set<String> LANGUAGES = languages();

    @Inject
    MatchRepository matches;
    @Inject
    ClaimRepository claims;
    @Inject
    LanguageGuess languages;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Result find(Query query, Actor actor) {
        if (!ClaimPolicy.seesAllClaims(actor)) {
            throw ProblemException.forbidden("Only desk staff search all claims for similar ones");
        }
        return matches(query, false, claim -> ClaimPolicy.decide(ClaimPolicy.Facts.of(claim), actor, ClaimAction.READ)
                .allowed());
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Result findPublished(Query query) {
        // only claims with a current published ruling come back, and the caller sees only those rulings
        return matches(query, true, claim -> true);
    }

    private Result matches(Query query, boolean publishedOnly, java.util.function.Predicate<Claim> readable) {
        String text = text(query.text(), query.textParameter());
        String language = query.language() == null || query.language().isBlank() ? languages.of(text)
                : language(query.language());
        int limit = limit(query.limit());
        List<MatchRepository.Row> rows = matches.similar(text, language, limit, query.excluding(), publishedOnly);
        Map<Long, Claim> byId = rows.isEmpty() ? Map.of()
                : claims.list("id in ?1", rows.stream().map(MatchRepository.Row::claimId).toList()).stream()
                        .collect(Collectors.toMap(Claim::id, Function.identity()));
        List<Match> items = new ArrayList<>();
        for (MatchRepository.Row row : rows) {
            Claim claim = byId.get(row.claimId());
            // staff may read every claim today; the check keeps matching honest if the policy ever narrows
            if (claim == null || !readable.test(claim)) {
                continue;
            }
            List<String> on = new ArrayList<>();
            if (row.trigram() >= 0.3) {
                on.add("trigram");
            }
            if (row.overlap() > 0) {
                on.add("fulltext");
            }
            items.add(new Match(claim, round(row.score()), row.score() >= Scoring.LIKELY, List.copyOf(on),
                    row.verdictKey(), row.verdictLabel()));
        }
        return new Result(items, Scoring.MODEL, Scoring.POSSIBLE, Scoring.LIKELY, language);
    }

    private static String text(String raw, String field) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw ProblemException.unprocessable(field, "must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw ProblemException.unprocessable(field, "must be at most " + MAX_TEXT + " characters");
        }
        Text.require(field, text);
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw ProblemException.unprocessable(field, "must contain at least one word (letters or digits)");
        }
        return text;
    }

    private static String language(String raw) {
        String tag = raw.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(tag).matches() || !LANGUAGES.contains(tag.split("-", 2)[0])) {
            throw ProblemException.unprocessable("language", "must be a BCP 47 tag of a known language, such as en or pt-BR");
        }
        return tag;
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.unprocessable("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private static Set<String> languages() {
        Map<String, String> all = new HashMap<>();
        for (String code : Locale.getISOLanguages()) {
            all.put(code, code);
            try {
                all.put(new Locale(code).getISO3Language(), code);
            } catch (java.util.MissingResourceException e) {
                // a code without a three-letter form is known by its two letters only
            }
        }
        return Set.copyOf(all.keySet());
    }
}
