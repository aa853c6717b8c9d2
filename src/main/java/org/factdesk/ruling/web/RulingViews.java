package org.factdesk.ruling.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.common.HttpUrl;
import org.factdesk.ruling.ClaimantType;
import org.factdesk.ruling.RatingScale;
import org.factdesk.ruling.Ruling;
import org.factdesk.ruling.RulingStatus;
import org.factdesk.ruling.ScaleVerdict;

/** Request and response records of the ruling and rating scale endpoints. */
public final class RulingViews {

    /** One line of text: no control characters (they would make the canonical provenance form ambiguous). */
    static final String ONE_LINE = "^[^\\p{Cntrl}]*$";
    /** Text that may span lines: tabs and line breaks, no other control characters. */
    static final String MULTI_LINE = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*$";
    static final String NO_CONTROL = "must not contain control characters";

    private RulingViews() {
    }

    /** A draft ruling on a claim in research. */
    @Schema(name = "DraftRulingRequest")
    public record DraftRulingRequest(
            @NotBlank @Size(max = 40) @Schema(description = "Key of a verdict of the current rating scale", example = "false")
            String verdict,
            @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = NO_CONTROL)
            @Schema(example = "No, Ecuador did not announce it would expel Assange") String headline,
            @NotBlank @Size(max = 280) @Pattern(regexp = ONE_LINE, message = NO_CONTROL)
            @Schema(description = "Short restatement of the claim (advised: at most 75 characters; at most 280)",
                    example = "Ecuador planned to expel Assange from its embassy") String claimReviewed,
            @NotBlank @Size(max = 10000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL)
            @Schema(example = "The Foreign Ministry denied any plan to end the asylum; no expulsion order exists.")
            String summary,
            @NotNull @Size(max = 100) @Schema(description = "Cited evidence on this claim", example = "[3, 4]")
            List<@NotNull @Positive Long> evidenceIds,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL)
            @Schema(description = "Public note; required when the claim already has a published ruling (a correction)",
                    example = "Rating changed from False to Mostly false after new documents.") String correctionNote,
            @Schema(description = "Whether the claimant is a person or an organisation (default PERSON)",
                    example = "ORGANIZATION") ClaimantType claimantType,
            @HttpUrl @Schema(description = "Where the claim first appeared, when known",
                    example = "https://example.org/first-post") String firstAppearanceUrl) {

        Ruling.Draft toDraft() {
            return new Ruling.Draft(verdict.strip(), headline.strip(), claimReviewed.strip(), summary.strip(),
                    evidenceIds, correctionNote == null || correctionNote.isBlank() ? null : correctionNote.strip(),
                    claimantType, firstAppearanceUrl == null || firstAppearanceUrl.isBlank() ? null
                            : firstAppearanceUrl.strip());
        }
    }

    /** Sends a draft back to research. */
    @Schema(name = "ReturnRulingRequest")
    public record ReturnRulingRequest(
            @NotBlank @Size(max = 10000) @Schema(example = "Please add the ministry's statement as a file.")
            String comment) {
    }

    /** A ruling as staff see it. */
    @Schema(name = "Ruling", requiredProperties = { "id", "claimId", "status", "verdict", "verdictLabel", "scaleVersion", "headline", "claimReviewed", "evidenceIds", "versionNumber", "draftedBy", "createdAt", "version" })
    public record RulingView(long id, long claimId,
            @Schema(example = "PUBLISHED") RulingStatus status,
            @Schema(example = "false") String verdict,
            @Schema(example = "False") String verdictLabel,
            @Schema(example = "1") int scaleVersion,
            @Schema(example = "2") Integer ratingValue,
            String headline, String claimReviewed, String summary, List<Long> evidenceIds, String correctionNote,
            ClaimantType claimantType, String firstAppearanceUrl,
            @Schema(description = "1, 2, ... once published; null for drafts") Integer versionNumber,
            String draftedBy,
            @Schema(description = "When it was drafted") Instant createdAt,
            String returnedBy, Instant returnedAt, String approvedBy, Instant publishedAt,
            @Schema(description = "The published ruling this one corrects") Long supersedes,
            @Schema(description = "The correction that replaced this ruling") Long supersededBy,
            Instant supersededAt,
            @Schema(description = "SHA-256 of the provenance manifest (published rulings)") String provenanceHash,
            @Schema(description = "The public page (published rulings)") String publicUrl,
            long version,
            @Schema(description = "Advice that did not block the draft") List<String> warnings) {

        static RulingView of(Ruling r, String publicUrl, List<String> warnings) {
            return new RulingView(r.id(), r.claimId(), r.status(), r.verdictKey(), r.verdictLabel(),
                    r.scaleVersion(), r.ratingValue(), r.headline(), r.claimReviewed(), r.summary(), r.evidenceIds(),
                    r.correctionNote(), r.claimantType(), r.firstAppearanceUrl(), r.versionNumber(), r.draftedBy(),
                    r.draftedAt(), r.returnedBy(), r.returnedAt(), r.approvedBy(), r.publishedAt(), r.supersedes(),
                    r.supersededBy(), r.supersededAt(), r.provenanceHash(),
                    r.status().published() ? publicUrl : null, r.version(), warnings);
        }
    }

    /** A claim's rulings, oldest first. */
    @Schema(name = "RulingList", requiredProperties = { "items" })
    public record RulingList(List<RulingView> items) {
    }

    /** One verdict of a rating scale. */
    @Schema(name = "Verdict", requiredProperties = { "key", "label", "retired" })
    public record VerdictView(@Schema(example = "mostly_false") String key,
            @Schema(example = "Mostly false") String label,
            @Schema(description = "ClaimReview ratingValue; null when the verdict has no number", example = "3")
            Integer value,
            String description, boolean retired) {
        static VerdictView of(ScaleVerdict v) {
            return new VerdictView(v.key(), v.label(), v.value(), v.description(), v.retired());
        }
    }

    /** A version of the rating scale. */
    @Schema(name = "RatingScale", requiredProperties = { "version", "createdAt", "createdBy", "verdicts" })
    public record RatingScaleView(@Schema(example = "1") int version, Instant createdAt, String createdBy,
            @Schema(description = "Highest number in use", example = "6") Integer bestRating,
            @Schema(description = "Lowest number in use", example = "1") Integer worstRating,
            List<VerdictView> verdicts) {
        static RatingScaleView of(RatingScale s) {
            return new RatingScaleView(s.version(), s.createdAt(), s.createdBy(), s.bestRating(), s.worstRating(),
                    s.verdicts().stream().map(VerdictView::of).toList());
        }
    }

    /** Every rating scale version, newest first. */
    @Schema(name = "RatingScaleVersions", requiredProperties = { "items" })
    public record RatingScaleVersions(List<RatingScaleView> items) {
    }

    /** One verdict of a new scale version. */
    @Schema(name = "VerdictInput")
    public record VerdictInput(@NotBlank @Schema(example = "mostly_false") String key,
            @NotBlank @Schema(example = "Mostly false") String label,
            @Schema(example = "3") Integer value, String description, boolean retired) {
        ScaleVerdict.Spec spec() {
            return new ScaleVerdict.Spec(key, label, value, description, retired);
        }
    }

    /** The full list of verdicts of the next scale version, in order (rename labels, retire or add verdicts). */
    @Schema(name = "ReplaceRatingScaleRequest")
    public record ReplaceRatingScaleRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid VerdictInput> verdicts) {
    }

    /** One current published ruling in the public feed. */
    @Schema(name = "PublicClaimReviewSummary", requiredProperties = { "id", "url", "claimReviewed", "headline", "rating", "versionNumber", "datePublished", "claimReview", "provenance" })
    public record PublicReviewSummary(long id,
            @Schema(description = "The public page") String url,
            String claimReviewed, String headline,
            @Schema(description = "The verdict's label", example = "False") String rating,
            Integer ratingValue, int versionNumber, Instant datePublished, Instant dateModified,
            @Schema(description = "The ClaimReview JSON-LD document", example = "/api/public/claim-reviews/12")
            String claimReview,
            @Schema(description = "The provenance manifest", example = "/api/public/claim-reviews/12/provenance")
            String provenance,
            @Schema(description = "The ClaimReview document of the version this correction replaces (that version now "
                    + "expired and points here); null for a first ruling", example = "/api/public/claim-reviews/11")
            String supersedes) {
    }

    /** A page of the public feed; pass {@code nextCursor} as {@code after} for the next. */
    @Schema(name = "PublicClaimReviewPage", requiredProperties = { "items" })
    public record PublicReviewPage(List<PublicReviewSummary> items, String nextCursor) {
    }

    @Schema(name = "PublicReviewMatch", requiredProperties = { "review", "score", "likely" }, description = "A published ruling and how similar its claim is to the query")
    public record PublicReviewMatch(PublicReviewSummary review,
            @Schema(description = "Similarity 0..1, comparable across queries") double score,
            @Schema(description = "Above the likely-duplicate threshold") boolean likely) {
    }

    @Schema(name = "PublicReviewSearchResult", requiredProperties = { "items", "model" })
    public record PublicReviewSearchResult(List<PublicReviewMatch> items,
            @Schema(description = "The scoring that produced the scores", example = "lexical-v1") String model,
            @Schema(description = "The language the text was matched in: the one given, or detected from the text",
                    example = "en") String language) {
    }
}
