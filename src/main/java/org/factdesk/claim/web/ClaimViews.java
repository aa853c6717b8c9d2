package org.factdesk.claim.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimAction;
import org.factdesk.claim.ClaimFields;
import org.factdesk.claim.ClaimPolicy;
import org.factdesk.claim.ClaimStatus;
import org.factdesk.claim.Priority;
import org.factdesk.common.HttpUrl;
import org.factdesk.identity.Actor;

/** Request and response records of the claim endpoints. */
public final class ClaimViews {

    static final String TAG_PATTERN = ClaimFields.TAG_PATTERN;
    static final String TAG_MESSAGE = ClaimFields.TAG_MESSAGE;
    static final String LANGUAGE_PATTERN = ClaimFields.LANGUAGE_PATTERN;

    private ClaimViews() {
    }

    /** A new claim to check. */
    @Schema(name = "SubmitClaimRequest")
    public record SubmitClaimRequest(
            @NotBlank @Size(min = ClaimFields.STATEMENT_MIN, max = ClaimFields.STATEMENT_MAX)
            @Schema(example = "Ecuador's Foreign Ministry denied it had an agreement with the UK to hand over Assange.")
            String statement,
            @Size(max = ClaimFields.CLAIMANT_MAX) @Schema(example = "Ecuador's Foreign Ministry") String claimant,
            @HttpUrl @Schema(example = "https://www.zerohedge.com/news/2019-04-06/ecuador-backs-down") String sourceUrl,
            @PastOrPresent @Schema(example = "2019-04-05") LocalDate claimedAt,
            @Pattern(regexp = LANGUAGE_PATTERN, message = ClaimFields.LANGUAGE_MESSAGE)
            @Schema(example = "en", description = "BCP 47 tag; detected from the statement when absent (factdesk.language.fallback when unclear)") String language,
            @Size(max = ClaimFields.TAGS_MAX) @Schema(example = "[\"assange\", \"ecuador\"]")
            List<@NotNull @Pattern(regexp = TAG_PATTERN, message = TAG_MESSAGE) String> tags,
            @Schema(example = "HIGH") Priority priority) {

        Claim.Details details() {
            return ClaimFields.submission(statement, claimant, sourceUrl, claimedAt, language, tags, priority);
        }
    }

    /** Changes to a claim's metadata: absent or null fields stay as they are; "" or [] clears an optional field. */
    @Schema(name = "EditClaimRequest")
    public record EditClaimRequest(
            @Size(min = 10, max = 2000) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank")
            @Schema(example = "Ecuador first granted Assange asylum in 2012.") String statement,
            @Size(max = 200) @Schema(example = "Bloomberg", description = "null removes it", nullable = true) String claimant,
            @HttpUrl @Schema(description = "null removes it", nullable = true) String sourceUrl,
            @PastOrPresent @Schema(description = "null removes it", nullable = true) LocalDate claimedAt,
            @Pattern(regexp = LANGUAGE_PATTERN, message = "must be a BCP 47 language tag") String language,
            @Size(max = 10) @Schema(description = "null removes every tag", nullable = true)
            List<@NotNull @Pattern(regexp = TAG_PATTERN, message = TAG_MESSAGE) String> tags,
            Priority priority) {

        /** The members a merge patch may remove (RFC 7396: null removes); the others cannot be, and null keeps them. */
        static final Set<String> REMOVABLE = Set.of("claimant", "sourceUrl", "claimedAt", "tags");

        /**
         * Applies the patch: an absent member keeps its value, a member in {@code removed} (sent as null) is removed,
         * and claimant "" or tags [] remove too, as they always did.
         */
        Claim.Details applyTo(Claim.Details d, Set<String> removed) {
            return new Claim.Details(
                    statement == null ? d.statement() : statement.strip(),
                    removed.contains("claimant") ? null : claimant == null ? d.claimant() : blankToNull(claimant),
                    removed.contains("sourceUrl") ? null : sourceUrl == null ? d.sourceUrl() : blankToNull(sourceUrl),
                    removed.contains("claimedAt") ? null : claimedAt == null ? d.claimedAt() : claimedAt,
                    language == null ? d.language() : language.toLowerCase(Locale.ROOT),
                    removed.contains("tags") ? List.of() : tags == null ? d.tags() : normalizeTags(tags),
                    priority == null ? d.priority() : priority);
        }
    }

    /** Moves a claim to another status. */
    @Schema(name = "TransitionRequest")
    public record TransitionRequest(@NotNull @Schema(example = "RESEARCHING") ClaimStatus to,
            @Size(max = 2000) @Schema(example = "Checkable and spreading") String reason,
            @Positive @Schema(description = "When dismissing as a duplicate: the claim it duplicates") Long duplicateOf) {
    }

    /** Assigns a claim; {@code null} unassigns (editors only). */
    @Schema(name = "AssignRequest")
    public record AssignRequest(@Size(max = 40) @Schema(example = "checker") String username) {
    }

    /** A claim as clients see it. */
    @Schema(name = "Claim", requiredProperties = { "id", "statement", "tags", "priority", "status", "submittedBy", "createdAt", "updatedAt", "version", "allowedTransitions", "allowedActions" })
    public record ClaimView(long id, String statement, String claimant, String sourceUrl, LocalDate claimedAt,
            String language, List<String> tags, Priority priority, ClaimStatus status, String assignee,
            String submittedBy, String dismissalReason, Long duplicateOf,
            @Schema(description = "The importing system's own id, for claims a bulk import brought in; unique per "
                    + "importer (submittedBy)", example = "monitor-2019-04-05-0042") String externalId,
            Instant createdAt, Instant updatedAt, long version,
            @Schema(description = "Statuses the caller may move this claim to with the transitions endpoint")
            List<ClaimStatus> allowedTransitions,
            @Schema(description = "What the caller may do with this claim now, as the access policy decides; "
                    + "clients offer exactly these") List<ClaimAction> allowedActions,
            @Schema(description = "Only in the answer to submitClaim, and only for desk staff: claims that may say the "
                    + "same, best first, as findSimilarClaims returns them") List<SimilarClaim> similar) {

        /** The claim as this caller may see it: a contributor is not told who works on it. */
        public static ClaimView of(Claim c, ClaimPolicy.Facts facts, Actor actor) {
            boolean staff = ClaimPolicy.sight(facts, actor) == ClaimPolicy.Sight.STAFF;
            return new ClaimView(c.id(), c.statement(), c.claimant(), c.sourceUrl(), c.claimedAt(), c.language(),
                    c.tags(), c.priority(), c.status(), staff ? c.assignee() : null, c.submittedBy(),
                    c.dismissalReason(), c.duplicateOf(), c.externalId(), c.createdAt(), c.updatedAt(), c.version(),
                    List.copyOf(ClaimPolicy.allowedTransitions(facts, actor)),
                    List.copyOf(ClaimPolicy.allowed(facts, actor)), null);
        }

        ClaimView withSimilar(List<SimilarClaim> matches) {
            return new ClaimView(id, statement, claimant, sourceUrl, claimedAt, language, tags, priority, status,
                    assignee, submittedBy, dismissalReason, duplicateOf, externalId, createdAt, updatedAt, version,
                    allowedTransitions, allowedActions, matches);
        }
    }

    /** A claim similar to a text, with how similar and, once rated, its verdict. */
    @Schema(name = "SimilarClaim", requiredProperties = { "claim", "score", "duplicate", "matchedOn" })
    public record SimilarClaim(ClaimView claim,
            @Schema(description = "0..1, comparable across queries", example = "0.82") double score,
            @Schema(description = "LIKELY or POSSIBLE duplicate, by the thresholds in SimilarClaims.likelyThreshold and "
                    + "possibleThreshold", example = "LIKELY") String duplicate,
            @Schema(description = "Signals that matched: trigram (spelling) and/or fulltext (shared stems)",
                    example = "[\"trigram\", \"fulltext\"]") List<String> matchedOn,
            @Schema(description = "The published ruling's verdict key, when the claim has one", example = "false")
            String verdict,
            @Schema(description = "The published ruling's verdict label", example = "False") String verdictLabel) {
    }

    /** Similar claims, best first, and the scoring that ranked them. */
    @Schema(name = "SimilarClaims", requiredProperties = { "items", "model", "possibleThreshold", "likelyThreshold", "language" })
    public record SimilarClaimsView(List<SimilarClaim> items,
            @Schema(description = "Name of the scoring; scores of different models are not comparable",
                    example = "lexical-v1") String model,
            @Schema(description = "Score from which a claim is listed as a possible duplicate") double possibleThreshold,
            @Schema(description = "Score from which a claim is a likely duplicate") double likelyThreshold,
            @Schema(description = "The language the text was matched in: the one given, or detected from the text",
                    example = "en") String language) {
    }

    /** One page of claims; pass {@code nextCursor} as {@code cursor} for the next. */
    @Schema(name = "ClaimPage", requiredProperties = { "items" })
    public record ClaimPage(List<ClaimView> items, @Schema(example = "azEyMzQ") String nextCursor) {
    }

    static String blankToNull(String s) {
        return ClaimFields.blankToNull(s);
    }

    static List<String> normalizeTags(List<String> tags) {
        return ClaimFields.normalizeTags(tags);
    }
}
