package org.factdesk.evidence.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.common.Text;
import org.factdesk.evidence.EvidenceService;
import org.factdesk.evidence.Stance;
import org.factdesk.evidence.web.EvidenceViews.AddLinkRequest;
import org.factdesk.evidence.web.EvidenceViews.EvidenceList;
import org.factdesk.evidence.web.EvidenceViews.EvidenceView;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A claim's evidence: list it, upload a file, attach a link. */
@Path("/api/v1/claims/{id}/evidence")
@Tag(name = "Evidence", description = "Files and links attached to claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimEvidenceResource {

    @Inject
    EvidenceService evidence;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "listEvidence", summary = "A claim's evidence, oldest first (without file bytes)")
    public EvidenceList list(@PathParam("id") long id) {
        var items = evidence.list(id, currentUser.actor());
        var allowed = evidence.allowedActions(id, items, currentUser.actor());
        return new EvidenceList(items.stream().map(e -> EvidenceView.of(e, allowed.get(e.id()))).toList());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @APIResponse(responseCode = "200", description = "Already attached: the existing item", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @Operation(operationId = "uploadEvidence",
            summary = "Upload a file as evidence (201; 200 with the existing item when the same bytes are already attached)")
    public Response upload(@PathParam("id") long id,
            @Parameter(description = "The file; its type is detected from the bytes") @RestForm("file") FileUpload file,
            @Parameter(description = "SUPPORTS, REFUTES or CONTEXT", example = "SUPPORTS") @RestForm("stance") String stance,
            @Parameter(description = "Why it matters (up to 2000 characters)") @RestForm("note") String note) {
        List<FieldError> errors = new ArrayList<>(Text.errors(Text.fields("stance", stance, "note", note,
                "file", file == null ? null : file.fileName())));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (file == null || file.uploadedFile() == null) {
            errors.add(new FieldError("file", "a file part is required"));
        }
        Stance parsedStance = null;
        if (stance == null || stance.isBlank()) {
            errors.add(new FieldError("stance", "must not be blank"));
        } else {
            try {
                parsedStance = Stance.valueOf(stance.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("stance", "must be one of " + List.of(Stance.values())));
            }
        }
        if (note != null && note.length() > EvidenceViews.NOTE_MAX) {
            errors.add(new FieldError("note", "size must be between 0 and " + EvidenceViews.NOTE_MAX));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        var added = evidence.addFile(id, new EvidenceService.Upload(file.uploadedFile(), file.fileName(),
                parsedStance, EvidenceViews.blankToNull(note)), currentUser.actor());
        return respond(added);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @APIResponse(responseCode = "200", description = "Already attached: the existing item", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceView.class)))
    @Operation(operationId = "addLinkEvidence", summary = "Attach a link (with optional archive URL) as evidence")
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
