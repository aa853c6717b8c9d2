package org.factdesk.common.web;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The RFC 9457 problem document every error response carries. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemView(
        @Schema(description = "Problem type URI", example = "https://factdesk.org/problems/validation") String type,
        @Schema(description = "Short summary", example = "Validation failed") String title,
        @Schema(description = "HTTP status", example = "422") int status,
        @Schema(description = "What went wrong in this request", example = "1 field(s) are invalid") String detail,
        @Schema(description = "The request path", example = "/api/v1/claims") String instance,
        @Schema(description = "Invalid fields (validation problems only)") List<FieldProblem> errors,
        @Schema(description = "Allowed targets (illegal status moves only)") List<String> allowed,
        @Schema(description = "Current version (stale If-Match only)") Long currentVersion) {

    /** One invalid field. */
    @Schema(name = "FieldProblem")
    public record FieldProblem(@Schema(example = "statement") String field,
            @Schema(example = "size must be between 10 and 2000") String message) {
    }
}
