package org.factdesk.imports;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimFields;
import org.factdesk.claim.Priority;
import org.factdesk.common.HttpUrl;

/**
 * One line of an import: the fields of a claim submission, under the same rules ({@link ClaimFields}), and an
 * optional {@code externalId}, the importing system's own id for the claim.
 */
@Schema(name = "ClaimImportLine", description = "One claim per line: the fields of submitClaim and an optional externalId")
public record ClaimLine(
        @NotBlank @Size(min = ClaimFields.STATEMENT_MIN, max = ClaimFields.STATEMENT_MAX)
        @Schema(example = "Ecuador's Foreign Ministry denied it had an agreement with the UK to hand over Assange.")
        String statement,
        @Size(max = ClaimFields.CLAIMANT_MAX) @Schema(example = "Ecuador's Foreign Ministry") String claimant,
        @HttpUrl @Schema(example = "https://www.zerohedge.com/news/2019-04-06/ecuador-backs-down") String sourceUrl,
        @PastOrPresent @Schema(example = "2019-04-05") LocalDate claimedAt,
        @Pattern(regexp = ClaimFields.LANGUAGE_PATTERN, message = ClaimFields.LANGUAGE_MESSAGE)
        @Schema(example = "en", description = "BCP 47 tag; detected from the statement when absent") String language,
        @Size(max = ClaimFields.TAGS_MAX) @Schema(example = "[\"assange\", \"ecuador\"]")
        List<@NotNull @Pattern(regexp = ClaimFields.TAG_PATTERN, message = ClaimFields.TAG_MESSAGE) String> tags,
        @Schema(example = "HIGH") Priority priority,
        @Size(max = ClaimLine.EXTERNAL_ID_MAX)
        @Schema(example = "monitor-2019-04-05-0042", description = "The importing system's id for this claim, unique per "
                + "importer (1-200 characters): a line whose externalId this importer already imported creates "
                + "nothing and is reported as existing, with that claim's id")
        String externalId) {

    public static final int EXTERNAL_ID_MAX = 200;

    /** The claim's details as a submission of the same fields would have them. */
    Claim.Details details() {
        return ClaimFields.submission(statement, claimant, sourceUrl, claimedAt, language, tags, priority);
    }

    /** The external id as stored: stripped, and absent when blank. */
    String key() {
        return ClaimFields.blankToNull(externalId);
    }
}
