package org.factdesk.ruling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.claim.SimilarClaims;
import org.factdesk.common.ClientAddress;
import org.factdesk.common.Clock;
import org.factdesk.common.RateLimiter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The public ClaimReview search ("has anyone checked this?" for partners and readers, like Google's Fact Check Tools
 * {@code claims:search}): published rulings ranked by how similar their claim is to a free text. Anonymous, so each
 * client address has a request budget, kept in PostgreSQL and therefore the same on every instance.
 */
@ApplicationScoped
public class PublicReviewSearch {

    static final String BUDGET = "public-review-search";

    @Inject
    SimilarClaims similar;
    @Inject
    RulingRepository rulings;
    @Inject
    RateLimiter limiter;
    @Inject
    Config config;

    @ConfigMapping(prefix = "factdesk.public-search")
    public interface Config {
        /** Searches one client address may make per window. */
        @WithDefault("60")
        int rateLimit();

        @WithDefault("1m")
        Duration rateWindow();
    }

    /** A published ruling and how similar its claim is to the text (0..1, the same scale as the desk's matching). */
    public record Hit(Ruling ruling, double score, boolean likely) {
    }

    public record Result(List<Hit> items, String model, String language) {
    }

    /** 429 once the client's budget is spent (counted before the text is looked at), 422 on a bad query. */
    @Transactional
    public Result search(String text, String language, Integer limit, String clientAddress) {
        limiter.spend(BUDGET, ClientAddress.subject(clientAddress), config.rateLimit(), config.rateWindow(),
                Clock.now());
        SimilarClaims.Result found = similar.findPublished(new SimilarClaims.Query(text, language, limit, null, "q"));
        List<Hit> hits = new ArrayList<>();
        for (SimilarClaims.Match m : found.items()) {
            rulings.current(m.claim().id()).ifPresent(r -> hits.add(new Hit(r, m.score(), m.likely())));
        }
        return new Result(hits, found.model(), found.language());
    }
}
