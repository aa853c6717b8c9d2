package org.factdesk.claim;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.factdesk.identity.Actor;
import org.factdesk.identity.DemoConfig;
import org.factdesk.identity.Role;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Demo claims: check-worthy statements of the sample article (resources/demo), loaded into an empty desk. */
@ApplicationScoped
public class DemoClaims {

    /** Where the sample article appeared. */
    public static final String ARTICLE_URL =
            "https://www.zerohedge.com/geopolitical/ecuador-backs-down-foreign-ministry-says-it-has-no-plans-expel-assange";
    private static final Logger LOG = Logger.getLogger(DemoClaims.class);
    private static final LocalDate PUBLISHED = LocalDate.of(2019, 4, 5);

    @Inject
    DemoConfig demo;
    @Inject
    ClaimService claims;
    @Inject
    ClaimRepository repository;

    private record Sample(String statement, String claimant, List<String> tags, Priority priority) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("Ecuador's Foreign Ministry says it has no plans to expel Julian Assange from its London embassy.",
                    "Ecuador's Foreign Ministry", List.of("assange", "ecuador"), Priority.HIGH),
            new Sample("Ecuador first granted asylum to Wikileaks founder Julian Assange in 2012.",
                    null, List.of("assange", "asylum"), Priority.NORMAL),
            new Sample("Ecuador's Foreign Ministry denied it had an agreement with the UK to hand over Assange.",
                    "Ecuador's Foreign Ministry", List.of("assange", "uk"), Priority.HIGH),
            new Sample("Ecuador's foreign minister tweeted about mechanisms for revoking Assange's asylum.",
                    "Wikileaks", List.of("assange", "asylum"), Priority.NORMAL),
            new Sample("Last year the embassy revoked some of Assange's privileges, including Internet access.",
                    null, List.of("assange", "embassy"), Priority.LOW),
            new Sample("Ecuadorian President Lenin Moreno has described Assange as a \"stone in my shoe\".",
                    "Lenin Moreno", List.of("moreno", "assange"), Priority.NORMAL),
            new Sample("Moreno enriched himself from an offshore account in Panama.",
                    "Wikileaks", List.of("moreno", "panama"), Priority.URGENT),
            new Sample("The UN Special Rapporteur on torture, Nils Melzer, demanded Ecuador allow Assange to remain in its embassy.",
                    "Sara Carter", List.of("un", "assange"), Priority.NORMAL));

    void onStart(@Observes @jakarta.annotation.Priority(20) StartupEvent event) {
        if (!demo.data() || repository.count() > 0) {
            return;
        }
        for (Sample s : SAMPLES) {
            claims.submit(new Claim.Details(s.statement(), s.claimant(), ARTICLE_URL, PUBLISHED, "en", s.tags(),
                    s.priority()), new Actor("contributor", Set.of(Role.CONTRIBUTOR)));
        }
        LOG.infof("Loaded %d demo claims from the sample article", SAMPLES.size());
    }
}
