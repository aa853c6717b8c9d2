package org.factdesk.ruling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.factdesk.audit.AuditLog;
import org.factdesk.audit.CanonicalJson;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimService;
import org.factdesk.claim.ClaimStatus;
import org.factdesk.comment.CommentService;
import org.factdesk.common.Clock;
import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.common.Preconditions.IfMatch;
import org.factdesk.evidence.CitedEvidence;
import org.factdesk.evidence.EvidenceService;
import org.factdesk.identity.CurrentUser;

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
    AuditLog audit;
    @Inject
    RulingsConfig config;

    /** A new draft and advice about it (not errors: the draft was stored). */
    public record Drafted(Ruling ruling, List<String> warnings) {
    }

    /** Drafts a ruling on a RESEARCHING claim (If-Match of the claim) and moves the claim to IN_REVIEW. */
    @Transactional
    public Drafted draft(long claimId, IfMatch claimIfMatch, Ruling.Draft draft, CurrentUser user) {
        Claim claim = claims.lockForWrite(claimId, claimIfMatch);
        if (claim.status() != ClaimStatus.RESEARCHING) {
            throw ProblemException.conflict("Claim not in research",
                    "A ruling can be drafted only while the claim is RESEARCHING; it is " + claim.status());
        }
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
                draft.claimantType(), draft.firstAppearanceUrl()), verdict, user.name());
        rulings.persistAndFlush(ruling);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rulingId", ruling.id());
        data.put("verdict", verdict.key());
        data.put("verdictLabel", verdict.label());
        data.put("scaleVersion", verdict.scaleVersion());
        data.put("headline", ruling.headline());
        data.put("claimReviewed", ruling.claimReviewed());
        data.put("summary", ruling.summary());
        data.put("evidenceIds", ruling.evidenceIds());
        data.put("correctionNote", ruling.correctionNote());
        data.put("claimantType", ruling.claimantType().name());
        data.put("firstAppearanceUrl", ruling.firstAppearanceUrl());
        audit.record(claimId, "RULING_DRAFTED", user.name(), data);
        claims.moveByWorkflow(claim, ClaimStatus.IN_REVIEW, user.name(), "ruling drafted",
                Map.of("rulingId", ruling.id()));
        return new Drafted(ruling, warnings(ruling, claim));
    }

    /** Publishes a draft (four-eyes, gates re-checked): claim to RATED; a previous version becomes superseded. */
    @Transactional
    public Ruling approve(long rulingId, IfMatch ifMatch, CurrentUser user) {
        Locked locked = lockDraft(rulingId, ifMatch);
        Ruling ruling = locked.ruling();
        Claim claim = locked.claim();
        if (config.fourEyes() && ruling.draftedBy().equals(user.name())) {
            throw new ProblemException(403, "four-eyes", "Four-eyes rule",
                    "You drafted this ruling, so another editor must approve it (four-eyes rule: the drafter of a "
                            + "ruling cannot approve it)", Map.of("draftedBy", ruling.draftedBy()), Map.of());
        }
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
        ruling.publish(new Ruling.Publication(verdict, user.name(), now, rulings.nextPublicationSeq(), versionNumber,
                supersedes, previous == null ? now : previous.firstPublishedAt(), snapshot, fileHashes,
                manifest.canonical(), manifest.sha256()));
        rulings.flush();

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rulingId", ruling.id());
        data.put("versionNumber", versionNumber);
        data.put("verdict", verdict.key());
        data.put("verdictLabel", verdict.label());
        data.put("scaleVersion", verdict.scaleVersion());
        data.put("publishedAt", CanonicalJson.timestamp(now));
        data.put("provenanceHash", manifest.sha256());
        data.put("correctionNote", ruling.correctionNote());
        data.put("supersedes", supersedes);
        data.put("draftedBy", ruling.draftedBy());
        audit.record(claim.id(), "RULING_APPROVED", user.name(), data);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rulingId", ruling.id());
        extra.put("versionNumber", versionNumber);
        claims.moveByWorkflow(claim, ClaimStatus.RATED, user.name(), "ruling approved", extra);
        return ruling;
    }

    /** Sends a draft back to research with a comment, posted on the claim's thread: claim to RESEARCHING. */
    @Transactional
    public Ruling returnToResearch(long rulingId, IfMatch ifMatch, String comment, CurrentUser user) {
        if (blank(comment)) {
            throw ProblemException.unprocessable("comment", "say what needs more work");
        }
        Locked locked = lockDraft(rulingId, ifMatch);
        Ruling ruling = locked.ruling();
        ruling.returnToResearch(user.name(), Clock.now());
        rulings.flush();
        String text = comment.strip();
        comments.post(ruling.claimId(), null, text, user);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rulingId", ruling.id());
        data.put("comment", text);
        audit.record(ruling.claimId(), "RULING_RETURNED", user.name(), data);
        claims.moveByWorkflow(locked.claim(), ClaimStatus.RESEARCHING, user.name(), "ruling returned",
                Map.of("rulingId", ruling.id()));
        return ruling;
    }

    /** Every ruling of a claim (drafts, returned drafts, published and superseded versions), oldest first. */
    @Transactional
    public List<Ruling> forClaim(long claimId) {
        claims.get(claimId);
        return rulings.forClaim(claimId);
    }

    @Transactional
    public Ruling get(long rulingId) {
        Ruling ruling = rulings.findById(rulingId);
        if (ruling == null) {
            throw ProblemException.notFound("Ruling", rulingId);
        }
        return ruling;
    }

    /** A published ruling for the public (404 for drafts, returned drafts and rulings of dismissed claims). */
    @Transactional
    public Ruling published(long rulingId) {
        return rulings.publicRuling(rulingId).orElseThrow(() -> ProblemException.notFound("Claim review", rulingId));
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

    /** Locks the ruling's claim, then reads the ruling; it must still be a draft under review. */
    private Locked lockDraft(long rulingId, IfMatch ifMatch) {
        long claimId = rulings.claimIdOf(rulingId).orElseThrow(() -> ProblemException.notFound("Ruling", rulingId));
        Claim claim = claims.lockForWrite(claimId);
        Ruling ruling = rulings.findById(rulingId);
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
