package org.factdesk.transparency.web;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.Cursors;
import org.factdesk.common.ProblemException;
import org.factdesk.common.web.ParameterText;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.transparency.TransparencyLog;
import org.factdesk.transparency.web.TransparencyViews.CheckpointPage;
import org.factdesk.transparency.web.TransparencyViews.CheckpointView;
import org.factdesk.transparency.web.TransparencyViews.ConsistencyView;
import org.factdesk.transparency.web.TransparencyViews.InclusionView;
import org.factdesk.transparency.web.TransparencyViews.KeyList;
import org.factdesk.transparency.web.TransparencyViews.KeyView;
import org.factdesk.transparency.web.TransparencyViews.LeafPage;
import org.factdesk.transparency.web.TransparencyViews.LeafView;

/**
 * The transparency log for everyone, without sign-in: checkpoints, keys, proofs and leaves. Nothing here reveals
 * an event's content: leaves are hashes, and the events stay behind the audit endpoints' roles.
 */
@Path("/api/public/transparency")
@Tag(name = "Transparency log", description = "Signed checkpoints and RFC 9162 proofs of the audit log, public")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class TransparencyResource {

    @Inject
    TransparencyLog log;

    @GET
    @Path("/checkpoint")
    @Operation(operationId = "latestCheckpoint", summary = "The latest signed checkpoint (404 before the first)")
    public CheckpointView checkpoint() {
        return log.latest().map(CheckpointView::of).orElseThrow(() -> new ProblemException(404, "not-found",
                "No checkpoint yet", "the log has not signed a checkpoint yet"));
    }

    @GET
    @Path("/checkpoints")
    @Operation(operationId = "listCheckpoints", summary = "Checkpoints, newest first (keyset pagination)")
    public CheckpointPage checkpoints(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1-100 (default 20)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") String limit) {
        Long afterSize = after == null || after.isEmpty() ? null : ParameterText.number("after", after, 0);
        int size = Cursors.limit(ParameterText.optionalLimit(limit),
                20, 100);
        List<CheckpointView> items = log.page(afterSize, size + 1).stream().map(CheckpointView::of).toList();
        boolean more = items.size() > size;
        List<CheckpointView> page = more ? items.subList(0, size) : items;
        return new CheckpointPage(page, more ? String.valueOf(page.get(page.size() - 1).treeSize()) : null);
    }

    @GET
    @Path("/key")
    @Operation(operationId = "transparencyKey", summary = "The key that signs new checkpoints")
    public KeyView key() {
        return log.currentKey().map(KeyView::of).orElseThrow(() -> new ProblemException(404, "not-found",
                "No signing key", "the transparency log is disabled on this instance"));
    }

    @GET
    @Path("/keys")
    @Operation(operationId = "transparencyKeys", summary = "Every key that ever signed a checkpoint, oldest first")
    public KeyList keys() {
        return new KeyList(log.keys().stream().map(KeyView::of).toList());
    }

    @GET
    @Path("/proof/inclusion")
    @Operation(operationId = "inclusionProof",
            summary = "RFC 9162 inclusion proof of an audit event (by seq) in a checkpointed tree")
    public InclusionView inclusion(
            @Parameter(description = "The audit event's seq", required = true) @QueryParam("seq") String seq,
            @Parameter(description = "A checkpointed tree size", required = true) @QueryParam("treeSize")
            String treeSize) {
        return InclusionView.of(log.inclusion(ParameterText.number("seq", seq, 1), ParameterText.number("treeSize", treeSize, 1)));
    }

    @GET
    @Path("/proof/consistency")
    @Operation(operationId = "consistencyProof", summary = "RFC 9162 consistency proof between two checkpoints")
    public ConsistencyView consistency(
            @Parameter(description = "The older checkpointed tree size", required = true) @QueryParam("from")
            String from,
            @Parameter(description = "The newer checkpointed tree size", required = true) @QueryParam("to")
            String to) {
        return ConsistencyView.of(log.consistency(ParameterText.number("from", from, 0), ParameterText.number("to", to, 0)));
    }

    @GET
    @Path("/leaves")
    @Operation(operationId = "transparencyLeaves",
            summary = "Leaves [start, end) of the latest checkpoint's tree, at most 1000, for full audits")
    public LeafPage leaves(
            @Parameter(description = "First leaf index", required = true) @QueryParam("start") String start,
            @Parameter(description = "End (exclusive); at most start + 1000", required = true) @QueryParam("end")
            String end) {
        long s = ParameterText.number("start", start, 0);
        long e = ParameterText.number("end", end, 0);
        return new LeafPage(s, e, log.leaves(s, e).stream().map(LeafView::of).toList());
    }

    /** A required whole number of at least {@code min}, or a 400 naming the parameter. */
}
