package org.factdesk.evidence.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.claim.ClaimPolicy.ItemAction;
import org.factdesk.common.HttpUrl;
import org.factdesk.evidence.CitedEvidence.Kind;
import org.factdesk.evidence.Evidence;
import org.factdesk.evidence.Stance;

/** Request and response records of the evidence endpoints. */
public final class EvidenceViews {

    static final int NOTE_MAX = 2000;

    private EvidenceViews() {
    }

    /** A link to attach as evidence. */
    @Schema(name = "AddLinkRequest")
    public record AddLinkRequest(
            @NotBlank @HttpUrl @Schema(example = "https://www.theguardian.com/media/2019/apr/05/assange-ecuador") String url,
            @NotBlank @Size(max = 300) @Schema(example = "Ecuador denies plan to expel Assange") String title,
            @Size(max = 200) @Schema(example = "The Guardian") String publisher,
            @PastOrPresent @Schema(example = "2019-04-06T09:30:00Z") Instant accessedAt,
            @HttpUrl @Schema(example = "https://web.archive.org/web/20190406093000/https://www.theguardian.com/") String archiveUrl,
            @NotNull @Schema(example = "REFUTES") Stance stance,
            @Size(max = NOTE_MAX) @Schema(example = "The ministry's statement in full") String note) {

        Evidence.LinkDetails details() {
            return new Evidence.LinkDetails(url.strip(), title.strip(), blankToNull(publisher), accessedAt,
                    blankToNull(archiveUrl));
        }
    }

    /** Retracts a piece of evidence: it stays on record, marked as retracted. */
    @Schema(name = "RetractionRequest")
    public record RetractionRequest(
            @NotBlank @Size(max = 2000) @Schema(example = "The photo was shown to be from another event") String reason) {
    }

    /** A piece of evidence as clients see it (never its bytes). */
    @Schema(name = "Evidence", requiredProperties = { "id", "claimId", "kind", "stance", "addedBy", "addedAt", "retracted", "allowedActions" })
    public record EvidenceView(long id, long claimId, Kind kind, Stance stance, String note,
            @Schema(example = "checker") String addedBy, Instant addedAt,
            String url, String title, String publisher, Instant accessedAt, String archiveUrl,
            @Schema(description = "Sanitised name the download is offered under", example = "statement.pdf") String fileName,
            @Schema(description = "Detected from the bytes", example = "application/pdf") String contentType,
            @Schema(description = "Bytes", example = "482113") Long size,
            @Schema(description = "SHA-256 of the bytes, hex", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            boolean retracted, String retractedBy, Instant retractedAt, String retractionReason,
            @Schema(description = "What the caller may do with this item now (RETRACT), as the access policy decides")
            List<ItemAction> allowedActions) {

        static EvidenceView of(Evidence e, Set<ItemAction> allowed) {
            return new EvidenceView(e.id(), e.claimId(), e.kind(), e.stance(), e.note(), e.addedBy(), e.addedAt(),
                    e.url(), e.title(), e.publisher(), e.accessedAt(), e.archiveUrl(), e.fileName(), e.contentType(),
                    e.size(), e.sha256(), e.retracted(), e.retractedBy(), e.retractedAt(), e.retractionReason(),
                    List.copyOf(allowed));
        }
    }

    /** A claim's evidence, oldest first. */
    @Schema(name = "EvidenceList", requiredProperties = { "items" })
    public record EvidenceList(List<EvidenceView> items) {
    }

    /** The hash recomputed from the stored bytes and whether it matches the one recorded at upload. */
    @Schema(name = "EvidenceVerification", requiredProperties = { "sha256", "matches" })
    public record VerificationView(
            @Schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            boolean matches) {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
