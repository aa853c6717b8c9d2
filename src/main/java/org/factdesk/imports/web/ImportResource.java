package org.factdesk.imports.web;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.Idempotent;
import org.factdesk.common.ProblemException;
import org.factdesk.imports.ClaimImportService;
import org.factdesk.imports.ClaimLine;
import org.factdesk.imports.ImportFormat;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** Bulk import of claims from other systems (a monitoring tool, a tip line, a partner desk). */
@Path("/api/v1/imports")
@Tag(name = "Imports", description = "Claims in bulk from other systems")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Inject
    ClaimImportService imports;
    @Inject
    CurrentUser currentUser;

    /*
     * No @Consumes: the media type is checked here, after the caller's role, so that an anonymous or unauthorised
     * caller hears 401/403 whatever it sends (the REST layer would answer 415 before asking who calls).
     */
    @POST
    @Path("/claims")
    @RolesAllowed(Role.EDITOR_)
    @Idempotent(commitsInSteps = true)
    @Operation(operationId = "importClaims", summary = "Import up to 100,000 claims from NDJSON or CSV and report "
            + "each line's outcome", description = """
            One claim per line, with the fields of submitClaim and an optional externalId (the importing system's \
            id, unique per importer: a line whose externalId this caller already imported creates nothing and is \
            reported as existing, with the claim's id). Every created claim is SUBMITTED by the caller with the \
            CLAIM_SUBMITTED audit event a submission gets. A bad line (not JSON or not CSV, an unknown or invalid \
            field, an externalId repeated within the body) is reported with its line number and never stops the \
            others. Claims are committed in chunks of 1,000; the report is answered when all have committed. After \
            a failure (a 503, a time-out) send the same body again: lines with an externalId are then reported as \
            existing instead of created twice. NDJSON: one JSON object per line, blank lines skipped. CSV (RFC \
            4180): a header row naming the columns (statement, claimant, sourceUrl, claimedAt, language, tags, \
            priority, externalId, in any order, also as source_url etc.), tags separated by semicolons, empty cells \
            absent. UTF-8 only. Bodies up to 64 MiB.""",
            extensions = @Extension(name = Idempotent.EXTENSION, value = "true"))
    @APIResponse(responseCode = "200", description = "Imported: what became of each line",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportViews.ImportReportView.class)))
    @APIResponse(responseCode = "400", description = "The body broke off before it arrived whole; nothing imported",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "403", description = "Only editors import claims",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "413", description = "More than 100,000 lines (type too-many-lines, maxLines), or a "
            + "body over 64 MiB; nothing imported",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "415", description = "Neither application/x-ndjson nor text/csv (or not UTF-8)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    @APIResponse(responseCode = "422", description = "A CSV whose header row is missing or names an unknown or "
            + "repeated column (errors[0].field = header); nothing imported",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_REF)))
    public Response importClaims(
            @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
            @RequestBody(required = true, content = {
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = ClaimLine.class),
                            examples = @ExampleObject(name = "two claims", value = """
                                    {"statement":"Ecuador says it has no plans to expel Assange from its embassy","claimant":"Ecuador's Foreign Ministry","claimedAt":"2019-04-05","externalId":"monitor-0041"}
                                    {"statement":"The embassy cut Assange's internet access in March","priority":"HIGH","externalId":"monitor-0042"}
                                    """)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180 CSV, a header row first"),
                            examples = @ExampleObject(name = "two claims", value = """
                                    statement,claimant,claimed_at,tags,external_id
                                    "Ecuador says it has no plans to expel Assange from its embassy",Ecuador's Foreign Ministry,2019-04-05,assange;ecuador,monitor-0041
                                    "The embassy cut Assange's internet access in March",,,,monitor-0042
                                    """)) }) InputStream body) {
        ImportFormat format = format(contentType).orElseThrow(() -> ProblemException.unsupportedMediaType(
                "Imports are application/x-ndjson or text/csv, in UTF-8"));
        return Response.ok(ImportViews.ImportReportView.of(imports.importClaims(format, body, currentUser.actor())))
                .build();
    }

    /** The format a {@code Content-Type} names, parsed by JAX-RS (quoted parameters and all); empty if malformed. */
    private static java.util.Optional<ImportFormat> format(String contentType) {
        if (contentType == null) {
            return java.util.Optional.empty();
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        return ImportFormat.of(type.getType() + "/" + type.getSubtype(),
                type.getParameters().get(MediaType.CHARSET_PARAMETER));
    }
}
