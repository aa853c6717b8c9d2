package org.factdesk.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.factdesk.claim.ClaimPolicy.Facts;
import org.factdesk.claim.ClaimPolicy.ItemAction;
import org.factdesk.claim.ClaimPolicy.Outcome;
import org.factdesk.common.Audience;
import org.factdesk.identity.Actor;
import org.factdesk.identity.Role;
import org.junit.jupiter.api.Test;

/** The access policy on its own: pure decisions from facts, no database, no HTTP. */
class ClaimPolicyTest {

    static final Actor CONTRIBUTOR = new Actor("casey", Set.of(Role.CONTRIBUTOR));
    static final Actor OTHER = new Actor("olga", Set.of(Role.CONTRIBUTOR));
    static final Actor CHECKER = new Actor("fran", Set.of(Role.FACT_CHECKER));
    static final Actor EDITOR = new Actor("eddie", Set.of(Role.EDITOR, Role.FACT_CHECKER));
    static final Actor AUDITOR = new Actor("audrey", Set.of(Role.AUDITOR));
    static final Actor KEY = new Actor("apikey:7", Set.of(Role.FACT_CHECKER));

    static Facts claim(ClaimStatus status) {
        return new Facts(status, "casey", status == ClaimStatus.SUBMITTED ? null : "fran", null);
    }

    @Test
    void hidesOtherPeoplesClaimsFromContributorsEntirely() {
        for (ClaimStatus s : ClaimStatus.values()) {
            for (ClaimAction a : ClaimAction.values()) {
                assertThat(ClaimPolicy.decide(claim(s), OTHER, a).outcome()).as("%s %s", s, a).isEqualTo(Outcome.HIDDEN);
            }
            assertThat(ClaimPolicy.allowed(claim(s), OTHER)).isEmpty();
        }
    }

    @Test
    void showsTheSubmitterTheClaimItsOwnChangesAndCommentsButNoWorkingMaterial() {
        Set<ClaimAction> allowed = ClaimPolicy.allowed(claim(ClaimStatus.RESEARCHING), CONTRIBUTOR);
        assertThat(allowed).containsExactlyInAnyOrder(ClaimAction.READ, ClaimAction.READ_HISTORY,
                ClaimAction.READ_COMMENTS, ClaimAction.COMMENT);
        assertThat(ClaimPolicy.historyAudiences(claim(ClaimStatus.RESEARCHING), CONTRIBUTOR))
                .containsExactly(Audience.SUBMITTER);
        assertThat(ClaimPolicy.decide(claim(ClaimStatus.RESEARCHING), CONTRIBUTOR, ClaimAction.READ_EVIDENCE).outcome())
                .isEqualTo(Outcome.FORBIDDEN);
    }

    @Test
    void letsTheSubmitterEditOnlyUntilTriage() {
        assertThat(ClaimPolicy.allowed(claim(ClaimStatus.SUBMITTED), CONTRIBUTOR)).contains(ClaimAction.EDIT);
        assertThat(ClaimPolicy.allowed(claim(ClaimStatus.RESEARCHING), CONTRIBUTOR)).doesNotContain(ClaimAction.EDIT);
    }

    @Test
    void refusesEditingARatedClaimToEveryoneAsAConflict() {
        assertThat(ClaimPolicy.decide(claim(ClaimStatus.RATED), EDITOR, ClaimAction.EDIT).outcome())
                .isEqualTo(Outcome.CONFLICT);
        assertThat(ClaimPolicy.allowed(claim(ClaimStatus.RATED), CHECKER)).doesNotContain(ClaimAction.EDIT);
    }

    @Test
    void refusesApprovalByTheDrafter() {
        Facts inReview = claim(ClaimStatus.IN_REVIEW).withBarredApprover("eddie");
        var d = ClaimPolicy.decide(inReview, EDITOR, ClaimAction.APPROVE_RULING);
        assertThat(d.outcome()).isEqualTo(Outcome.FORBIDDEN);
        assertThat(d.type()).isEqualTo("four-eyes");
        assertThat(ClaimPolicy.allowed(inReview, EDITOR)).contains(ClaimAction.RETURN_RULING)
                .doesNotContain(ClaimAction.APPROVE_RULING);
        assertThat(ClaimPolicy.allowed(inReview, new Actor("erin", Set.of(Role.EDITOR))))
                .contains(ClaimAction.APPROVE_RULING);
    }

    @Test
    void integrationsStartResearchInsteadOfTakingAClaim() {
        Set<ClaimAction> allowed = ClaimPolicy.allowed(claim(ClaimStatus.SUBMITTED), KEY);
        assertThat(allowed).contains(ClaimAction.START_RESEARCH).doesNotContain(ClaimAction.TAKE);
        assertThat(ClaimPolicy.actionFor(ClaimStatus.SUBMITTED, ClaimStatus.RESEARCHING, KEY))
                .isEqualTo(ClaimAction.START_RESEARCH);
        assertThat(ClaimPolicy.actionFor(ClaimStatus.SUBMITTED, ClaimStatus.RESEARCHING, CHECKER))
                .isEqualTo(ClaimAction.TAKE);
    }

    @Test
    void auditorsReadEverythingAndChangeNothing() {
        for (ClaimStatus s : ClaimStatus.values()) {
            assertThat(ClaimPolicy.allowed(claim(s), AUDITOR)).containsExactlyInAnyOrder(ClaimAction.READ,
                    ClaimAction.READ_HISTORY, ClaimAction.READ_EVIDENCE, ClaimAction.READ_COMMENTS,
                    ClaimAction.READ_DRAFTS);
        }
    }

    @Test
    void offersOnlyTransitionsTheStatusMachineAllows() {
        for (ClaimStatus s : ClaimStatus.values()) {
            for (Actor a : List.of(CONTRIBUTOR, CHECKER, EDITOR, AUDITOR, KEY)) {
                assertThat(s.manualNext()).as("%s as %s", s, a.name())
                        .containsAll(ClaimPolicy.allowedTransitions(claim(s), a));
            }
        }
        assertThat(ClaimPolicy.allowedTransitions(claim(ClaimStatus.SUBMITTED), EDITOR))
                .isEqualTo(EnumSet.of(ClaimStatus.RESEARCHING, ClaimStatus.DISMISSED));
        assertThat(ClaimPolicy.allowedTransitions(claim(ClaimStatus.SUBMITTED), CHECKER))
                .isEqualTo(EnumSet.of(ClaimStatus.RESEARCHING));
    }

    @Test
    void letsOnlyTheAdderOrAnEditorRetractEvidence() {
        Facts researching = claim(ClaimStatus.RESEARCHING);
        assertThat(ClaimPolicy.evidenceActions(researching, CHECKER, "fran", false)).containsExactly(ItemAction.RETRACT);
        assertThat(ClaimPolicy.evidenceActions(researching, new Actor("sam", Set.of(Role.FACT_CHECKER)), "fran", false))
                .isEmpty();
        assertThat(ClaimPolicy.evidenceActions(researching, EDITOR, "fran", false)).containsExactly(ItemAction.RETRACT);
        assertThat(ClaimPolicy.evidenceActions(researching, EDITOR, "fran", true)).isEmpty();
        assertThat(ClaimPolicy.evidenceActions(claim(ClaimStatus.RATED), EDITOR, "fran", false)).isEmpty();
    }

    @Test
    void letsAuthorsEditTheirCommentsAndEditorsOrAssigneesResolveThem() {
        Facts researching = claim(ClaimStatus.RESEARCHING);
        assertThat(ClaimPolicy.commentActions(researching, CONTRIBUTOR, "casey", false, false))
                .containsExactlyInAnyOrder(ItemAction.EDIT, ItemAction.DELETE, ItemAction.RESOLVE);
        assertThat(ClaimPolicy.commentActions(researching, EDITOR, "casey", false, false))
                .containsExactlyInAnyOrder(ItemAction.DELETE, ItemAction.RESOLVE);
        assertThat(ClaimPolicy.commentActions(researching, CHECKER, "casey", false, false))
                .containsExactly(ItemAction.RESOLVE);
        assertThat(ClaimPolicy.commentActions(researching, AUDITOR, "casey", false, false)).isEmpty();
        assertThat(ClaimPolicy.commentActions(researching, CONTRIBUTOR, "casey", true, false)).isEmpty();
    }
}
