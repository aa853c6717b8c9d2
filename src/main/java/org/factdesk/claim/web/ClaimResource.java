package org.factdesk.claim.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.factdesk.common.Idempotent;
import org.factdesk.claim.Claim;
import org.factdesk.claim.ClaimRepository;
import org.factdesk.claim.ClaimService;
import org.factdesk.claim.ClaimPolicy;
import org.factdesk.claim.ClaimStatus;
import org.factdesk.claim.SimilarClaims;
import org.factdesk.claim.web.ClaimViews.AssignRequest;
import org.factdesk.claim.web.ClaimViews.ClaimPage;
import org.factdesk.claim.web.ClaimViews.ClaimView;
import org.factdesk.claim.web.ClaimViews.EditClaimRequest;
import org.factdesk.claim.web.ClaimViews.SimilarClaim;
import org.factdesk.claim.web.ClaimViews.SimilarClaimsView;
import org.factdesk.claim.web.ClaimViews.SubmitClaimRequest;
import org.factdesk.claim.web.ClaimViews.TransitionRequest;
import org.factdesk.common.Cursors;
import org.factdesk.common.ProblemException;
import org.factdesk.common.Preconditions;
import org.factdesk.common.web.ConditionalGet;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Claims: submit, read, list and search, edit, move through the workflow, assign. */
@Path("/api/v1/claims")
@Tag(name = "Claims", description = "Statements to check and their workflow")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private static final Logger LOG = Logger.getLogger(ClaimResource.class);

    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;
    @Inject
    ClaimService claims;
    @Inject
    CurrentUser currentUser;
    @Inject
    Instance<SimilarClaims> similar;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = ClaimView.class, responseCode = "201")
    @Idempotent
    @Operation(operationId = "submitClaim", summary = "Submit a claim",
            extensions = @Extension(name = Idempotent.EXTENSION, value = "true"))
    public Response submit(@NotNull @Valid SubmitClaimRequest request) {
        Claim claim = claims.submit(request.details(), currentUser.actor());
        return Response.created(UriBuilder.fromPath("/api/v1/claims/{id}").build(claim.id()))
                .tag(String.valueOf(claim.version())).entity(view(claim).withSimilar(similarTo(claim))).build();
    }

    /**
     * Claims like a just-submitted one, for desk staff (a contributor may not see other people's claims). It runs
     * after the submission has committed, so a slow or failing match never costs the claim; it is one indexed query.
     */
    private List<SimilarClaim> similarTo(Claim claim) {
        if (!similar.isResolvable() || !ClaimPolicy.seesAllClaims(currentUser.actor())) {
            return null;
        }
        try {
            return similarViews(similar.get().find(
                    new SimilarClaims.Query(claim.statement(), claim.language(), 5, claim.id()), currentUser.actor()))
                    .items();
        } catch (ProblemException e) {
            // a statement matching cannot use (only emoji, say) is a valid claim with nothing similar
            return List.of();
        } catch (RuntimeException e) {
            // the claim is committed: answering 500 now would make clients submit it again
            LOG.warnf(e, "Matching claim %d failed; answering without similar claims", claim.id());
            return List.of();
        }
    }

    @GET
    @Path("/similar")
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "findSimilarClaims",
            summary = "Claims that may say the same as a text (possible and likely duplicates), best first")
    public SimilarClaimsView findSimilar(
            @Parameter(description = "The statement to match, 1-5000 characters", required = true,
                    example = "Ecuador says it has no plans to expel Assange from its London embassy") @QueryParam("text") String text,
            @Parameter(description = "BCP 47 language of the text (detected from the text when absent); picks the stemmer", example = "en")
            @QueryParam("language") String language,
            @Parameter(description = "At most this many matches, 1-50 (default 10)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50", defaultValue = "10")) @QueryParam("limit") Integer limit) {
        if (!similar.isResolvable()) {
            throw ProblemException.notFound("Similar-claim matching", "(not installed)");
        }
        return similarViews(similar.get().find(new SimilarClaims.Query(text, language, limit, null), currentUser.actor()));
    }

    private SimilarClaimsView similarViews(SimilarClaims.Result result) {
        var found = result.items().stream().map(SimilarClaims.Match::claim).toList();
        var facts = claims.facts(found);
        var items = result.items().stream().map(m -> new SimilarClaim(
                ClaimView.of(m.claim(), facts.get(m.claim().id()), currentUser.actor()), m.score(),
                m.likely() ? "LIKELY" : "POSSIBLE", m.matchedOn(), m.verdictKey(), m.verdictLabel())).toList();
        return new SimilarClaimsView(items, result.model(), result.possibleThreshold(), result.likelyThreshold(),
                result.language());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @APIResponseSchema(value = ClaimView.class, responseCode = "200")
    @Operation(operationId = "getClaim", summary = "Get a claim (with its ETag; 304 when If-None-Match lists it)")
    public Response get(@PathParam("id") long id,
            @Parameter(description = "ETags the client already has, or *", example = "\"3\"") @HeaderParam("If-None-Match") List<String> ifNoneMatch) {
        Claim claim = claims.get(id, currentUser.actor());
        return ConditionalGet.ok(claim.version(), ifNoneMatch, () -> view(claim));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = ClaimView.class, responseCode = "200")
    @Operation(operationId = "editClaim", summary = "Edit a claim's metadata (requires If-Match)")
    public Response edit(@PathParam("id") long id,
            @Parameter(required = true, description = "ETag of the version being edited", example = "\"3\"") @HeaderParam("If-Match") List<String> ifMatch,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EditClaimRequest.class)))
            ObjectNode patch) throws JsonProcessingException {
        // read by hand because a merge patch tells "absent" (keep) from null (remove), which a record alone cannot
        if (patch == null) {
            throw ProblemException.badRequest("The request needs a JSON object body");
        }
        // a member of the wrong type fails here as it would in the body reader (the same problem mapper answers)
        EditClaimRequest request = json.treeToValue(patch, EditClaimRequest.class);
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Set<String> removed = new HashSet<>(EditClaimRequest.REMOVABLE);
        removed.removeIf(field -> !patch.path(field).isNull());
        return withEtag(claims.edit(id, Preconditions.requireIfMatch(ifMatch), d -> request.applyTo(d, removed),
                currentUser.actor()));
    }

    @GET
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "listClaims", summary = "List and search claims, newest first or by relevance (keyset pagination)")
    public ClaimPage list(
            @Parameter(description = "Only claims in this status", example = "SUBMITTED", schema = @Schema(implementation = ClaimStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Only claims assigned to this username") @QueryParam("assignee") String assignee,
            @Parameter(description = "Only claims with this tag") @QueryParam("tag") String tag,
            @Parameter(description = "Full-text search (web search syntax: words, \"phrases\", -excluded, or)",
                    example = "asylum embassy") @QueryParam("q") String q,
            @Parameter(description = "Only claims submitted by this actor") @QueryParam("submittedBy") String submittedBy,
            @Parameter(description = "Only claims dismissed as duplicates of this claim (how often it came back)")
            @QueryParam("duplicateOf") Long duplicateOf,
            @Parameter(description = "Only claims a bulk import brought in under this externalId (with submittedBy, "
                    + "the importer, at most one claim)") @QueryParam("externalId") String externalId,
            @Parameter(description = "newest (default) or relevance (best full-text rank first; needs q)",
                    schema = @Schema(enumeration = { "newest", "relevance" })) @QueryParam("sort") String sort,
            @Parameter(description = "Page size, 1-100 (default 20)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        ClaimStatus statusFilter = null;
        if (status != null && !status.isBlank()) {
            try {
                statusFilter = ClaimStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Unknown status '" + status + "'; allowed: "
                        + java.util.Arrays.toString(ClaimStatus.values()));
            }
        }
        if (q != null && q.length() > 500) {
            throw ProblemException.unprocessable("q", "must be at most 500 characters");
        }
        ClaimService.Sort order = ClaimService.Sort.NEWEST;
        if (sort != null && !sort.isBlank()) {
            try {
                order = ClaimService.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Unknown sort '" + sort + "'; allowed: newest, relevance");
            }
        }
        var filter = new ClaimRepository.Filter(statusFilter, blank(assignee),
                blank(tag) == null ? null : tag.strip().toLowerCase(Locale.ROOT), blank(q), blank(submittedBy),
                duplicateOf, blank(externalId));
        var page = claims.list(filter, order, cursor, Cursors.limit(limit, 20, 100), currentUser.actor());
        var facts = claims.facts(page.items());
        return new ClaimPage(page.items().stream().map(c -> ClaimView.of(c, facts.get(c.id()), currentUser.actor()))
                .toList(), page.nextCursor());
    }

    @GET
    @Path("/counts")
    @RolesAllowed({ Role.CONTRIBUTOR_, Role.FACT_CHECKER_, Role.EDITOR_, Role.ADMIN_, Role.AUDITOR_ })
    @Operation(operationId = "countClaims", summary = "Number of claims per status")
    public Map<ClaimStatus, Long> counts() {
        return claims.counts(currentUser.actor());
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = ClaimView.class, responseCode = "200")
    @Operation(operationId = "transitionClaim", summary = "Move a claim to another status (requires If-Match)")
    public Response transition(@PathParam("id") long id,
            @Parameter(required = true, description = "ETag of the claim", example = "\"3\"") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid TransitionRequest request) {
        return withEtag(claims.transition(id, Preconditions.requireIfMatch(ifMatch), request.to(), request.reason(), request.duplicateOf(),
                currentUser.actor()));
    }

    @PUT
    @Path("/{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.FACT_CHECKER_, Role.EDITOR_ })
    @APIResponseSchema(value = ClaimView.class, responseCode = "200")
    @Operation(operationId = "assignClaim", summary = "Assign a claim (requires If-Match); a submitted claim starts research")
    public Response assign(@PathParam("id") long id,
            @Parameter(required = true, description = "ETag of the claim", example = "\"3\"") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid AssignRequest request) {
        return withEtag(claims.assign(id, Preconditions.requireIfMatch(ifMatch), blank(request.username()), currentUser.actor()));
    }

    private Response withEtag(Claim claim) {
        return Response.ok(view(claim)).tag(String.valueOf(claim.version())).build();
    }

    private ClaimView view(Claim claim) {
        return ClaimView.of(claim, claims.facts(claim), currentUser.actor());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
