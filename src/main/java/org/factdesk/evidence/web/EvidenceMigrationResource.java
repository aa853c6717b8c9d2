package org.factdesk.evidence.web;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.evidence.EvidenceMigration;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;

/** The move of existing evidence bytes from PostgreSQL to the bucket: start or resume it, follow it, pause it. */
@Path("/api/v1/admin/evidence-migration")
@Tag(name = "Administration", description = "Operating the service")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceMigrationResource {

    @Inject
    EvidenceMigration migration;
    @Inject
    CurrentUser currentUser;

    /** Where the move of evidence bytes to object storage stands. */
    @Schema(name = "EvidenceMigration", requiredProperties = { "state", "active" })
    public record MigrationView(
            @Schema(description = "NOT_STARTED, RUNNING, PAUSED, FINISHED, or INTERRUPTED (its instance stopped: start it again)",
                    example = "RUNNING") String state,
            @Schema(description = "Whether some instance is moving files right now") boolean active,
            Instant startedAt, String startedBy, Instant finishedAt,
            @Schema(description = "Files moved by the latest run") long movedFiles,
            long movedBytes,
            @Schema(description = "Files the latest run could not move (left in PostgreSQL; a new run retries them)") long failedFiles,
            String lastError,
            @Schema(description = "Files whose bytes are still in PostgreSQL") long remainingFiles,
            long remainingBytes,
            @Schema(description = "Files whose bytes are in the bucket") long filesInObjectStorage) {

        static MigrationView of(EvidenceMigration.Status s) {
            return new MigrationView(s.state(), s.active(), s.startedAt(), s.startedBy(), s.finishedAt(), s.movedFiles(),
                    s.movedBytes(), s.failedFiles(), s.lastError(), s.remainingFiles(), s.remainingBytes(),
                    s.filesInObjectStorage());
        }
    }

    @GET
    @RolesAllowed({ Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "getEvidenceMigration", summary = "Progress of the move of evidence bytes to object storage")
    public MigrationView status() {
        return MigrationView.of(migration.status(currentUser));
    }

    @POST
    @RolesAllowed(Role.ADMIN_)
    @APIResponse(responseCode = "202", description = "Running (started, resumed, or already running)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MigrationView.class)))
    @Operation(operationId = "startEvidenceMigration",
            summary = "Start or resume moving evidence bytes from PostgreSQL to object storage (idempotent)")
    public Response start() {
        return Response.accepted(MigrationView.of(migration.start(currentUser))).build();
    }

    @DELETE
    @RolesAllowed(Role.ADMIN_)
    @Operation(operationId = "pauseEvidenceMigration", summary = "Pause the move (a new start resumes it)")
    public MigrationView pause() {
        return MigrationView.of(migration.pause(currentUser));
    }
}
