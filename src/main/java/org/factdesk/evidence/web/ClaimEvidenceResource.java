package org.factdesk.evidence.web;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.factdesk.common.Idempotent;
import org.factdesk.common.HttpLimitsConfig;
import org.factdesk.evidence.EvidenceService;
import org.factdesk.evidence.web.EvidenceViews.AddLinkRequest;
import org.factdesk.evidence.web.EvidenceViews.EvidenceList;
import org.factdesk.evidence.web.EvidenceViews.EvidenceView;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** A claim's evidence: list it, upload a file, attach a link. */
@Path("/api/v1/claims/{id}/evidence")
@Tag(name = "Evidence", description = "Files and links attached to claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimEvidenceResource {

    @Inject
    EvidenceService evidence;
    @Inject
    CurrentUser currentUser;
    @Inject
    HttpLimitsConfig limits;

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "listEvidence", summary = "A claim's evidence, oldest first (without file bytes)")
    public EvidenceList list(@PathParam("id") long id) {
        var items = evidence.list(id, currentUser.actor());
        var allowed = evidence.allowedActions(id, items, currentUser.actor());
        return new EvidenceList(items.stream().map(e -> EvidenceView.of(e, allowed.get(e.id()))).toList());
    }

    /*
     * Files have a path of their own: when both forms shared POST .../evidence, the contract could only describe one
     * operation with two bodies, and generated clients sent every call as multipart (issue 16). The shared POST
     * still takes multipart for clients written against it, outside the contract.
     */
    @POST
    @Path("/files")
    // no @Consumes: the form parser checks the type itself (415), after the caller's identity and role (401, 403)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @APIResponse(responseCode = "200", description = "Already attached: the existing item", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @Idempotent(compareArguments = false, commitsInSteps = true)
    @Operation(operationId = "uploadEvidence",
            summary = "Upload a file as evidence (201; 200 with the existing item when the same bytes are already attached)",
            extensions = @Extension(name = Idempotent.EXTENSION, value = "true"))
    public Response uploadFile(@PathParam("id") long id,
            @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
            @Parameter(hidden = true) @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(type = SchemaType.OBJECT, requiredProperties = { "file", "stance" }, properties = {
                            @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary",
                                    description = "The file; its type is detected from the bytes"),
                            @SchemaProperty(name = "stance", type = SchemaType.STRING,
                                    enumeration = { "SUPPORTS", "REFUTES", "CONTEXT" },
                                    description = "How the file bears on the claim", example = "SUPPORTS"),
                            @SchemaProperty(name = "note", type = SchemaType.STRING, maxLength = 2000,
                                    description = "Why it matters") }))) InputStream body) {
        return addFile(id, contentType, contentLength, body);
    }

    /** The file upload at its first address, kept for clients written before {@link #uploadFile}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @Idempotent(compareArguments = false, commitsInSteps = true)
    @Operation(hidden = true)
    public Response upload(@PathParam("id") long id, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") @DefaultValue("-1") long contentLength, InputStream body) {
        // not through uploadFile: ArC intercepts self-invocation, and the idempotency key would be claimed twice
        return addFile(id, contentType, contentLength, body);
    }

    private Response addFile(long id, String contentType, long contentLength, InputStream body) {
        // the body is parsed as it arrives and the file streamed into storage (see StreamingUploadForm)
        long max = limits.maxUpload().asLongValue();
        StreamingUploadForm form = StreamingUploadForm.open(contentType, contentLength, body, max);
        try {
            return respond(evidence.addFile(id, form, currentUser.actor()));
        } catch (RuntimeException e) {
            form.drain();
            throw form.tooLarge() ? StreamingUploadForm.tooLarge(max) : e;
        } finally {
            form.drain();
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @APIResponse(responseCode = "200", description = "Already attached: the existing item", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @Idempotent
    @Operation(operationId = "addLinkEvidence", summary = "Attach a link (with optional archive URL) as evidence",
            extensions = @Extension(name = Idempotent.EXTENSION, value = "true"))
    public Response addLink(@PathParam("id") long id, @NotNull @Valid AddLinkRequest request) {
        return respond(evidence.addLink(id, request.details(), request.stance(),
                EvidenceViews.blankToNull(request.note()), currentUser.actor()));
    }

    private Response respond(EvidenceService.Added added) {
        var e = added.evidence();
        EvidenceView view = EvidenceView.of(e, evidence.allowedActions(e.claimId(), java.util.List.of(e),
                currentUser.actor()).get(e.id()));
        if (!added.created()) {
            return Response.ok(view).build();
        }
        return Response.created(UriBuilder.fromPath("/api/v1/evidence/{id}").build(view.id())).entity(view).build();
    }
}
