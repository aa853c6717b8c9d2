package org.factdesk.evidence.web;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.Preconditions;
import org.factdesk.common.ProblemException;
import org.factdesk.evidence.EvidenceService;
import org.factdesk.evidence.web.EvidenceViews.EvidenceView;
import org.factdesk.evidence.web.EvidenceViews.RetractionRequest;
import org.factdesk.evidence.web.EvidenceViews.VerificationView;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** One piece of evidence: read it, download its bytes safely, verify them, retract it. */
@Path("/api/v1/evidence")
@Tag(name = "Evidence", description = "Files and links attached to claims")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    @Inject
    EvidenceService evidence;
    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "getEvidence", summary = "Get a piece of evidence")
    public EvidenceView get(@PathParam("id") long id) {
        return view(evidence.get(id, currentUser.actor()));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @APIResponse(responseCode = "200", description = "The bytes", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = SchemaType.STRING, format = "binary")), headers = @Header(name = "Content-Disposition",
                    description = "attachment, with the file's name", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "206", description = "The requested byte range", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = SchemaType.STRING, format = "binary")), headers = @Header(name = "Content-Disposition",
                    description = "attachment, with the file's name", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "307", description = "Fetch the bytes from this short-lived URL (when factdesk.evidence.s3.presigned-downloads is on)",
            headers = @Header(name = "Location", description = "The short-lived URL", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "416", description = "Range not satisfiable")
    @Operation(operationId = "downloadEvidence",
            summary = "Download a file's bytes as an attachment (ETag is the SHA-256; single byte ranges supported)")
    public Response content(@PathParam("id") long id,
            @Parameter(description = "One byte range", example = "bytes=0-1023") @HeaderParam("Range") String range,
            @Parameter(description = "Serve the range only if the file still has this ETag") @HeaderParam("If-Range") String ifRange,
            @Parameter(description = "ETag the client already has") @HeaderParam("If-None-Match") List<String> ifNoneMatch) {
        EvidenceService.Content c = evidence.content(id, currentUser.actor());
        String etag = "\"" + c.sha256() + "\"";
        if (Preconditions.notModified(ifNoneMatch, etag)) {
            return safe(Response.notModified().header("ETag", etag)).build();
        }
        Downloads.RangeRequest request = ifRange != null && !ifRange.strip().equals(etag)
                ? new Downloads.Whole() : Downloads.parse(range, c.size());
        if (request instanceof Downloads.Unsatisfiable) {
            throw new ProblemException(416, "range-not-satisfiable", "Range not satisfiable",
                    "The file has " + c.size() + " bytes; the requested range lies outside it", Map.of(),
                    Map.of("Content-Range", "bytes */" + c.size(), "Accept-Ranges", "bytes"));
        }
        long first = 0;
        long length = c.size();
        Response.ResponseBuilder rb;
        if (request instanceof Downloads.Part part) {
            first = part.range().first();
            length = part.range().length();
            rb = Response.status(206).header("Content-Range",
                    "bytes " + part.range().first() + "-" + part.range().last() + "/" + c.size());
        } else {
            rb = Response.ok();
        }
        String disposition = Downloads.contentDisposition(c.fileName());
        var presigned = evidence.presignedDownload(c, disposition);
        if (presigned.isPresent()) {
            // the access checks have passed; the bucket serves the bytes (and the Range, which clients resend)
            return safe(Response.temporaryRedirect(presigned.get())).header("ETag", etag).build();
        }
        long offset = first;
        long count = length;
        StreamingOutput body = out -> evidence.copy(c, offset, count, out);
        return safe(rb.entity(body).type(c.contentType()))
                .header("Content-Length", count)
                .header("ETag", etag)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", disposition)
                .build();
    }

    /** Headers that keep browsers from rendering or sniffing stored files (nosniff is set on every response). */
    private static Response.ResponseBuilder safe(Response.ResponseBuilder rb) {
        return rb.header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "private, no-cache");
    }

    @GET
    @Path("/{id}/verify")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "verifyEvidence",
            summary = "Recompute a file's SHA-256 from the stored bytes and compare it with the one recorded at upload")
    public VerificationView verify(@PathParam("id") long id) {
        var v = evidence.verify(id, currentUser.actor());
        return new VerificationView(v.sha256(), v.matches());
    }

    @POST
    @Path("/{id}/retraction")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @Operation(operationId = "retractEvidence",
            summary = "Retract evidence (kept on record and downloadable, marked retracted)")
    public EvidenceView retract(@PathParam("id") long id, @NotNull @Valid RetractionRequest request) {
        return view(evidence.retract(id, request.reason().strip(), currentUser.actor()));
    }

    private EvidenceView view(org.factdesk.evidence.Evidence e) {
        return EvidenceView.of(e, evidence.allowedActions(e.claimId(), java.util.List.of(e), currentUser.actor())
                .get(e.id()));
    }
}
