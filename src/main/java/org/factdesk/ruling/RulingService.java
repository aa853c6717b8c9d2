package org.factdesk.ruling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.audit.CanonicalJson;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimAction;
import org.factdesk.claim.ClaimService;
import org.factdesk.claim.ClaimStatus;
import org.factdesk.comment.CommentService;
import org.factdesk.common.AuditTrail;
import org.factdesk.common.Clock;
import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.evidence.CitedEvidence;
import org.factdesk.evidence.EvidenceService;
import org.factdesk.identity.Actor;

/**
 * The ruling workflow: draft (claim to IN_REVIEW), return (back to RESEARCHING with a comment) and four-eyes approval
 * (claim to RATED, version number, provenance, superseding the previous version). Every step locks the claim, checks
 * the methodology gates where relevant and is audited on the claim's chain in the same transaction.
 */
@ApplicationScoped
public class RulingService {

    /** Google truncates a longer claimReviewed on mobile. */
    public static final int CLAIM_REVIEWED_ADVISED = 75;

    @Inject
    RulingRepository rulings;
    @Inject
    RatingScaleService scales;
    @Inject
    ClaimService claims;
    @Inject
    EvidenceService evidence;
    @Inject
    CommentService comments;
    @Inject
    AuditTrail audit;
    @Inject
    org.factdesk.audit.AuditLog auditLog;
    @Inject
    RulingsConfig config;

    /** A new draft and advice about it (not errors: the draft was stored). */
    public record Drafted(Ruling ruling, List<String> warnings) {
    }

    /** Drafts a ruling on a RESEARCHING claim (If-Match of the claim) and moves the claim to IN_REVIEW. */
    @Transactional
    public Drafted draft(long claimId, IfMatch claimIfMatch, Ruling.Draft draft, Actor actor) {
        Claim claim = claims.lockForWrite(claimId, claimIfMatch, actor, ClaimAction.DRAFT_RULING);
        List<FieldError> errors = new ArrayList<>();
        RatingScale scale = scales.current();
        Ruling.PinnedVerdict verdict = pin(scale, draft.verdictKey(), errors);
        boolean correction = rulings.lastVersionNumber(claimId) > 0;
        if (correction && blank(draft.correctionNote())) {
            errors.add(new FieldError("correctionNote", "a public correction note is required: this claim already has "
                    + "a published ruling, so this draft will publish as a correction"));
        } else if (!correction && !blank(draft.correctionNote())) {
            errors.add(new FieldError("correctionNote", "only a correction (a claim with a published ruling) has a "
                    + "correction note"));
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(draft.evidenceIds()));
        if (ids.size() != draft.evidenceIds().size()) {
            errors.add(new FieldError("evidenceIds", "lists the same evidence more than once"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<FieldError> unmet = MethodologyGates.unmet(claimId, ids, cited(ids), config);
        if (!unmet.isEmpty()) {
            throw MethodologyGates.problem(unmet);
        }
        Ruling ruling = new Ruling(claimId, new Ruling.Draft(verdict.key(), draft.headline(), draft.claimReviewed(),
                draft.summary(), ids, blank(draft.correctionNote()) ? null : draft.correctionNote(),
                draft.claimantType(), draft.firstAppearanceUrl()), verdict, actor.name());
        rulings.persistAndFlush(ruling);
        audit.record(claimId, actor.name(), new RulingEvent.Drafted(ruling.id(), verdict.key(), verdict.label(),
                verdict.scaleVersion(), ruling.headline(), ruling.claimReviewed(), ruling.summary(),
                ruling.evidenceIds(), ruling.correctionNote(), ruling.claimantType().name(),
                ruling.firstAppearanceUrl()));
        claims.moveByWorkflow(claim, ClaimStatus.IN_REVIEW, actor.name(), "ruling drafted", ruling.id(), null);
        return new Drafted(ruling, warnings(ruling, claim));
    }

    /** Publishes a draft (four-eyes, gates re-checked): claim to RATED; a previous version becomes superseded. */
    @Transactional
    public Ruling approve(long rulingId, IfMatch ifMatch, Actor actor) {
        Locked locked = lockDraft(rulingId, ifMatch, actor, ClaimAction.APPROVE_RULING);
        Ruling ruling = locked.ruling();
        Claim claim = locked.claim();
        List<FieldError> errors = new ArrayList<>();
        Ruling.PinnedVerdict verdict = pin(scales.current(), ruling.verdictKey(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<CitedEvidence> cited = cited(ruling.evidenceIds());
        List<FieldError> unmet = MethodologyGates.unmet(claim.id(), ruling.evidenceIds(), cited, config);
        if (!unmet.isEmpty()) {
            throw MethodologyGates.problem(unmet);
        }
        Ruling previous = rulings.current(claim.id()).orElse(null);
        int versionNumber = rulings.lastVersionNumber(claim.id()) + 1;
        if (versionNumber > 1 && blank(ruling.correctionNote())) {
            throw ProblemException.unprocessable("correctionNote", "a correction needs a public correction note");
        }
        Instant now = Clock.now();
        Ruling.ClaimSnapshot snapshot = new Ruling.ClaimSnapshot(claim.statement(), claim.claimant(),
                claim.sourceUrl(), claim.claimedAt(), claim.language());
        Long supersedes = previous == null ? null : previous.id();
        Provenance.Manifest manifest = Provenance.of(ruling.id(), claim.id(), versionNumber, supersedes, verdict,
                ruling, snapshot, now, cited);
        List<String> fileHashes = cited.stream().filter(e -> e.kind() == CitedEvidence.Kind.FILE)
                .sorted(java.util.Comparator.comparingLong(CitedEvidence::id)).map(CitedEvidence::sha256).toList();
        if (previous != null) {
            previous.supersede(ruling.id(), now);
            rulings.flush();
        }
        ruling.publish(new Ruling.Publication(verdict, actor.name(), now, rulings.nextPublicationSeq(), versionNumber,
                supersedes, previous == null ? now : previous.firstPublishedAt(), snapshot, fileHashes,
                manifest.canonical(), manifest.sha256()));
        rulings.flush();

        audit.record(claim.id(), actor.name(), new RulingEvent.Approved(ruling.id(), versionNumber, verdict.key(),
                verdict.label(), verdict.scaleVersion(), CanonicalJson.timestamp(now), manifest.sha256(),
                ruling.correctionNote(), supersedes, ruling.draftedBy()));
        audit.record(claim.id(), RulingEvent.PUBLISHER, new RulingEvent.Published(ruling.id(), versionNumber,
                verdict.key(), CanonicalJson.timestamp(now), manifest.sha256(), supersedes));
        claims.moveByWorkflow(claim, ClaimStatus.RATED, actor.name(), "ruling approved", ruling.id(), versionNumber);
        return ruling;
    }

    /** Sends a draft back to research with a comment, posted on the claim's thread: claim to RESEARCHING. */
    @Transactional
    public Ruling returnToResearch(long rulingId, IfMatch ifMatch, String comment, Actor actor) {
        if (blank(comment)) {
            throw ProblemException.unprocessable("comment", "say what needs more work");
        }
        Locked locked = lockDraft(rulingId, ifMatch, actor, ClaimAction.RETURN_RULING);
        Ruling ruling = locked.ruling();
        ruling.returnToResearch(actor.name(), Clock.now());
        rulings.flush();
        String text = comment.strip();
        comments.post(ruling.claimId(), null, text, actor);
        audit.record(ruling.claimId(), actor.name(), new RulingEvent.Returned(ruling.id(), text));
        claims.moveByWorkflow(locked.claim(), ClaimStatus.RESEARCHING, actor.name(), "ruling returned", ruling.id(),
                null);
        return ruling;
    }

    /**
     * The rulings of a claim the caller may read, oldest first: everything (drafts, returned drafts, published and
     * superseded versions) for staff, the published versions for everyone else. A claim the caller may not see and
     * that has no published ruling does not exist for them.
     */
    @Transactional
    public List<Ruling> forClaim(long claimId, Actor actor) {
        if (drafts(claimId, actor)) {
            return rulings.forClaim(claimId);
        }
        List<Ruling> published = rulings.forClaim(claimId).stream().filter(r -> r.status().published()).toList();
        if (published.isEmpty()) {
            claims.get(claimId, actor);
        }
        return published;
    }

    /** A ruling the caller may read: a published one (current or superseded) anyone, a draft only staff. */
    @Transactional
    public Ruling get(long rulingId, Actor actor) {
        Ruling ruling = rulings.findById(rulingId);
        if (ruling == null || (!ruling.status().published() && !drafts(ruling.claimId(), actor))) {
            throw ProblemException.notFound("Ruling", rulingId);
        }
        return ruling;
    }

    /** Whether the caller may read the claim's drafts. */
    private boolean drafts(long claimId, Actor actor) {
        return claims.decide(claimId, actor, ClaimAction.READ_DRAFTS).allowed();
    }

    /** A published ruling for the public (404 for drafts, returned drafts and rulings of dismissed claims). */
    @Transactional
    public Ruling published(long rulingId) {
        return rulings.publicRuling(rulingId).orElseThrow(() -> ProblemException.notFound("Claim review", rulingId));
    }

    /** The audit event that approved this ruling (it names the drafter and the approver: staff only). */
    @Transactional
    public java.util.Optional<org.factdesk.audit.AuditEvent> approvalEvent(Ruling published) {
        return auditLog.find(published.claimId(), "RULING_APPROVED", "rulingId", published.id());
    }

    /**
     * The public record of this ruling's publication ({@link RulingEvent.Published}), whose full text readers may
     * see to tie the ruling to the signed transparency log; absent for rulings published before it existed.
     */
    @Transactional
    public java.util.Optional<org.factdesk.audit.AuditEvent> publicationEvent(Ruling published) {
        return auditLog.find(published.claimId(), "RULING_PUBLISHED", "rulingId", published.id());
    }

    /** The id of a claim's current published ruling, if it has one. */
    @Transactional
    public java.util.Optional<Long> currentVersionOf(long claimId) {
        return rulings.current(claimId).map(Ruling::id);
    }

    /** One page of the public feed and the cursor of the next, if any. */
    public record FeedPage(List<Ruling> items, Long nextBeforeSeq) {
    }

    @Transactional
    public FeedPage feed(Long beforeSeq, int limit) {
        List<Ruling> rows = rulings.feed(beforeSeq, limit + 1);
        if (rows.size() > limit) {
            List<Ruling> items = List.copyOf(rows.subList(0, limit));
            return new FeedPage(items, items.get(limit - 1).publicationSeq());
        }
        return new FeedPage(rows, null);
    }

    /** Advice on a ruling that does not block it (e.g. a long claimReviewed, claim data ClaimReview lacks). */
    public static List<String> warnings(Ruling ruling, Claim claim) {
        List<String> warnings = new ArrayList<>();
        int n = ruling.claimReviewed().length();
        if (n > CLAIM_REVIEWED_ADVISED) {
            warnings.add("claimReviewed is " + n + " characters; keep it under " + CLAIM_REVIEWED_ADVISED
                    + " so search results show it without wrapping");
        }
        if (claim != null) {
            if (blank(claim.claimant())) {
                warnings.add("the claim has no claimant: the ClaimReview will lack itemReviewed.author");
            }
            if (blank(claim.sourceUrl()) && blank(ruling.firstAppearanceUrl())) {
                warnings.add("the claim has no source URL: the ClaimReview will lack itemReviewed.appearance");
            }
            if (claim.claimedAt() == null) {
                warnings.add("the claim has no date: the ClaimReview will lack itemReviewed.datePublished");
            }
        }
        return warnings;
    }

    private record Locked(Claim claim, Ruling ruling) {
    }

    /** Locks the ruling's claim (checking the caller may act on it), then reads the ruling: still a draft under review. */
    private Locked lockDraft(long rulingId, IfMatch ifMatch, Actor actor, ClaimAction action) {
        long claimId = rulings.claimIdOf(rulingId).orElseThrow(() -> ProblemException.notFound("Ruling", rulingId));
        Claim claim = claims.lockForWrite(claimId, actor, ClaimAction.READ_DRAFTS);
        Ruling ruling = rulings.findById(rulingId);
        if (ruling.status() == RulingStatus.DRAFT) {
            claims.require(claim, claimId, actor, action);
        }
        ifMatch.check(ruling.version());
        if (ruling.status() != RulingStatus.DRAFT || claim.status() != ClaimStatus.IN_REVIEW) {
            throw ProblemException.conflict("Ruling not under review", "Ruling " + rulingId + " is "
                    + ruling.status() + " and its claim is " + claim.status() + "; only a DRAFT under review can be "
                    + "approved or returned");
        }
        return new Locked(claim, ruling);
    }

    private List<CitedEvidence> cited(List<Long> ids) {
        return ids.isEmpty() ? List.of() : evidence.cited(ids);
    }

    /** The verdict pinned to the given scale; a missing or retired key is an error on {@code verdict}. */
    private static Ruling.PinnedVerdict pin(RatingScale scale, String key, List<FieldError> errors) {
        var verdict = scale.verdict(key == null ? "" : key.strip());
        if (verdict.isEmpty() || verdict.get().retired()) {
            List<String> allowed = scale.verdicts().stream().filter(v -> !v.retired()).map(ScaleVerdict::key).toList();
            errors.add(new FieldError("verdict", verdict.isEmpty()
                    ? "'" + key + "' is not a verdict of rating scale version " + scale.version() + "; allowed: " + allowed
                    : "'" + key + "' is retired in rating scale version " + scale.version() + "; allowed: " + allowed));
            return null;
        }
        ScaleVerdict v = verdict.get();
        boolean numeric = v.value() != null;
        return new Ruling.PinnedVerdict(v.key(), v.label(), scale.version(), v.value(),
                numeric ? scale.bestRating() : null, numeric ? scale.worstRating() : null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
