package org.factdesk.imports.web;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.imports.ImportReport;

/** Response records of the import endpoint. */
public final class ImportViews {

    private ImportViews() {
    }

    /** What an import did. */
    @Schema(name = "ImportReport", requiredProperties = { "received", "created", "existing", "failed", "errors", "truncated", "existingClaims", "existingTruncated" }, description = "received = created + existing + failed")
    public record ImportReportView(
            @Schema(description = "Lines with something in them (blank lines and the CSV header row not counted)",
                    example = "100000") long received,
            @Schema(description = "Claims created, each with its CLAIM_SUBMITTED audit event", example = "98990")
            long created,
            @Schema(description = "Lines whose externalId this importer had already imported: nothing created",
                    example = "10") long existing,
            @Schema(description = "Lines refused; each is listed in errors (up to the limit)", example = "1000")
            long failed,
            @Schema(description = "The refused lines with the lowest line numbers, in line order (at most 1,000)")
            List<LineErrorView> errors,
            @Schema(description = "true when more lines failed than errors lists") boolean truncated,
            @Schema(description = "The lines that named an existing claim, lowest line numbers first (at most 1,000)")
            List<ExistingLineView> existingClaims,
            @Schema(description = "true when more lines named existing claims than existingClaims lists")
            boolean existingTruncated) {

        static ImportReportView of(ImportReport r) {
            return new ImportReportView(r.received(), r.created(), r.existing(), r.failed(),
                    r.errors().stream().map(e -> new LineErrorView(e.line(), e.problem())).toList(), r.truncated(),
                    r.existingClaims().stream().map(e -> new ExistingLineView(e.line(), e.externalId(), e.claimId()))
                            .toList(),
                    r.existingTruncated());
        }
    }

    /** A refused line. */
    @Schema(name = "ImportLineError", requiredProperties = { "line", "problem" })
    public record LineErrorView(
            @Schema(description = "Line number in the body, from 1 (a CSV's header row is line 1; a record spanning "
                    + "lines counts from where it starts)", example = "17") long line,
            @Schema(description = "Why, naming the field; the line's content is never echoed",
                    example = "statement: size must be between 10 and 2000") String problem) {
    }

    /** A line whose external id had been imported before. */
    @Schema(name = "ImportExistingLine", requiredProperties = { "line", "claimId" })
    public record ExistingLineView(@Schema(example = "5") long line,
            @Schema(example = "monitor-2019-04-05-0042") String externalId,
            @Schema(description = "The claim imported earlier with this externalId", example = "4711") long claimId) {
    }
}
