package org.factdesk.ruling.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.audit.AuditEvent;
import org.factdesk.audit.LogInclusion;
import org.factdesk.common.Cursors;
import org.factdesk.common.ProblemException;
import org.factdesk.ruling.Provenance;
import org.factdesk.ruling.PublicReviewSearch;
import org.factdesk.ruling.PublishingConfig;
import org.factdesk.ruling.Ruling;
import org.factdesk.ruling.RulingService;
import org.factdesk.ruling.web.RulingViews.PublicReviewMatch;
import org.factdesk.ruling.web.RulingViews.PublicReviewPage;
import org.factdesk.ruling.web.RulingViews.PublicReviewSearchResult;
import org.factdesk.ruling.web.RulingViews.PublicReviewSummary;

import io.vertx.core.http.HttpServerRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * Published rulings for everyone, without sign-in: the feed of current rulings, each ruling as schema.org ClaimReview
 * JSON-LD, and its provenance manifest. Drafts, rulings of dismissed claims and staff data never appear here. A
 * published document never changes, except that a superseded version says when it expired and links its correction
 * (in the document, and by {@code Link} headers to its successor and to the latest version).
 */
@Path("/api/public/claim-reviews")
@Tag(name = "Public claim reviews", description = "Published rulings, unauthenticated and read-only")
@PermitAll
public class PublicClaimReviewResource {

    static final String LD_JSON = "application/ld+json";
    private static final String BASE = "/api/public/claim-reviews/";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @Inject
    RulingService rulings;
    @Inject
    PublishingConfig publishing;
    @Inject
    PublicReviewSearch search;
    @Inject
    Instance<LogInclusion> inclusion;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publicClaimReviewFeed",
            summary = "Current published rulings, newest publication first (keyset pagination)")
    public PublicReviewPage feed(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1-100 (default 20)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("limit") Integer limit) {
        var page = rulings.feed(Cursors.decode(after), Cursors.limit(limit, 20, 100));
        return new PublicReviewPage(page.items().stream().map(this::summary).toList(),
                page.nextBeforeSeq() == null ? null : Cursors.encode(page.nextBeforeSeq()));
    }

    @GET
    @Path("/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "searchPublicClaimReviews",
            summary = "Published rulings whose claim is most similar to a free text, best first",
            description = "For partners and readers: what Google's Fact Check Tools claims:search gives. The score is "
                    + "the desk's similarity (0..1, comparable across queries; likely = above the likely-duplicate "
                    + "threshold). Rate-limited per client address across all instances: 429 with Retry-After.")
    @APIResponse(responseCode = "200", description = "Matches, best first (an empty list when nothing is similar)")
    public PublicReviewSearchResult search(
            @Parameter(description = "The text to match, 1-5000 characters", required = true) @QueryParam("q") String q,
            @Parameter(description = "BCP 47 language of the text (detected when absent)") @QueryParam("language") String language,
            @Parameter(description = "How many, 1-50 (default 10)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50", defaultValue = "10")) @QueryParam("limit") Integer limit,
            @Context HttpServerRequest request) {
        // the socket peer; with quarkus.http.proxy.proxy-address-forwarding the address the proxy forwarded
        String client = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        var result = search.search(q, language, limit, client);
        return new PublicReviewSearchResult(result.items().stream()
                .map(h -> new PublicReviewMatch(summary(h.ruling()), h.score(), h.likely())).toList(), result.model(),
                result.language());
    }

    @GET
    @Path("/{rulingId}")
    @Produces({ LD_JSON, MediaType.APPLICATION_JSON })
    @APIResponse(responseCode = "200", description = "schema.org ClaimReview",
            content = @Content(mediaType = LD_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    example = "{\"@context\":\"https://schema.org\",\"@type\":\"ClaimReview\","
                            + "\"url\":\"https://factcheck.example.org/public/claim-reviews/12\","
                            + "\"claimReviewed\":\"Ecuador planned to expel Assange\",\"datePublished\":\"2026-11-28T05:02:11Z\","
                            + "\"author\":{\"@type\":\"Organization\",\"name\":\"Factdesk\",\"url\":\"https://factcheck.example.org\"},"
                            + "\"reviewRating\":{\"@type\":\"Rating\",\"alternateName\":\"False\",\"ratingValue\":2,"
                            + "\"bestRating\":6,\"worstRating\":1},\"itemReviewed\":{\"@type\":\"Claim\"}}"))
    @Operation(operationId = "publicClaimReview", summary = "A published ruling as schema.org ClaimReview JSON-LD")
    public Response claimReview(@PathParam("rulingId") long rulingId) {
        Ruling r = rulings.published(rulingId);
        return links(Response.ok(ClaimReviewJsonLd.render(r, publishing), LD_JSON), r).build();
    }

    @GET
    @Path("/{rulingId}/fact-check-tools")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "A ClaimReviewMarkupPage for Google's Fact Check Tools API "
            + "(pages.create); the field mapping is in the README",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    example = "{\"pageUrl\":\"https://factcheck.example.org/public/claim-reviews/12\","
                            + "\"publishDate\":\"2026-11-28\",\"claimReviewAuthor\":{\"name\":\"Factdesk\"},"
                            + "\"claimReviewMarkups\":[{\"url\":\"https://factcheck.example.org/public/claim-reviews/12\","
                            + "\"claimReviewed\":\"Ecuador planned to expel Assange\",\"claimAppearances\":[],"
                            + "\"rating\":{\"textualRating\":\"False\",\"ratingValue\":2,\"bestRating\":6,\"worstRating\":1}}]}"))
    @APIResponse(responseCode = "409", description = "A correction superseded this version: push the current one "
            + "(Link rel=successor-version)")
    @Operation(operationId = "publicFactCheckToolsMarkup",
            summary = "A published ruling in the shape of Google's Fact Check Tools ClaimReviewMarkupPage")
    public Response factCheckTools(@PathParam("rulingId") long rulingId) {
        Ruling r = rulings.published(rulingId);
        if (r.supersededBy() != null) {
            // pushing it would put the old rating back on Google's index
            throw new ProblemException(409, "superseded", "Superseded by a correction",
                    "Review " + rulingId + " was corrected; push review " + r.supersededBy() + " instead",
                    Map.of("supersededBy", r.supersededBy()), Map.of("Link", "<" + BASE + r.supersededBy()
                            + "/fact-check-tools>; rel=\"successor-version\""));
        }
        return links(Response.ok(FactCheckToolsMarkup.page(ClaimReviewJsonLd.document(r, publishing))), r).build();
    }

    @GET
    @Path("/{rulingId}/provenance")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The provenance manifest",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    example = "{\"rulingId\":12,\"algorithm\":\"SHA-256\",\"format\":\"factdesk-provenance/1\","
                            + "\"provenanceHash\":\"5c0c2e0e8f4b0d6f3f1d2a7c9b8e6a5d4c3b2a1908f7e6d5c4b3a29180f7e6d5\","
                            + "\"document\":{\"format\":\"factdesk-provenance/1\",\"ruling\":{},\"evidence\":[]}}"))
    @Operation(operationId = "publicClaimReviewProvenance",
            summary = "The provenance manifest: the exact document whose SHA-256 is the ruling's provenance hash")
    public Response provenance(@PathParam("rulingId") long rulingId) {
        Ruling r = rulings.published(rulingId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rulingId", r.id());
        body.put("algorithm", "SHA-256");
        body.put("format", Provenance.FORMAT);
        body.put("recipe", "provenanceHash = lowercase hex SHA-256 of the UTF-8 bytes of 'document' in canonical JSON "
                + "(keys sorted, no whitespace), e.g. jq -cjS .document | sha256sum");
        body.put("provenanceHash", r.provenanceHash());
        body.put("document", new RawValue(r.provenanceManifest()));
        body.put("transparency", transparency(r));
        try {
            return links(Response.ok(MAPPER.writeValueAsString(body), MediaType.APPLICATION_JSON), r).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ties the ruling to the transparency log. The approval event names the drafter and the approver, so only its
     * hash is public (an auditor reads it in the claim's history); the publication event that follows it on the
     * claim's chain (its prevHash is the approval's hash) holds only public facts, the provenance hash among them,
     * and is given whole. The inclusion proof is the publication event's (the approval's for rulings published
     * before publication events existed), null until a checkpoint covers it (at most one checkpoint interval).
     */
    private Map<String, Object> transparency(Ruling r) {
        Map<String, Object> t = new LinkedHashMap<>();
        var approval = rulings.approvalEvent(r);
        var publication = rulings.publicationEvent(r);
        t.put("approvalSeq", approval.map(AuditEvent::seq).orElse(null));
        t.put("approvalEvent", approval.map(e -> Map.of("prevHash", e.prevHash(), "hash", e.hash())).orElse(null));
        t.put("publicationSeq", publication.map(AuditEvent::seq).orElse(null));
        t.put("publicationEvent", publication.map(e -> Map.of("canonical", e.canonical(), "prevHash", e.prevHash(),
                "hash", e.hash())).orElse(null));
        var proven = publication.isPresent() ? publication : approval;
        t.put("provenSeq", proven.map(AuditEvent::seq).orElse(null));
        var proof = proven.flatMap(e -> inclusion.isResolvable() ? inclusion.get().proofOf(e.seq())
                : java.util.Optional.empty());
        t.put("leafIndex", proof.map(LogInclusion.Proof::leafIndex).orElse(null));
        t.put("inclusion", proof.map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("leafIndex", p.leafIndex());
            m.put("treeSize", p.treeSize());
            m.put("leafHash", p.leafHash());
            m.put("hashes", p.hashes());
            return m;
        }).orElse(null));
        t.put("checkpoint", proof.map(LogInclusion.Proof::checkpoint).orElse(null));
        return t;
    }

    /** One {@code Link} header (RFC 8288) naming the predecessor, successor and latest version, as they apply. */
    private Response.ResponseBuilder links(Response.ResponseBuilder rb, Ruling r) {
        java.util.List<String> links = new java.util.ArrayList<>();
        if (r.supersedes() != null) {
            links.add("<" + BASE + r.supersedes() + ">; rel=\"predecessor-version\"");
        }
        if (r.supersededBy() != null) {
            links.add("<" + BASE + r.supersededBy() + ">; rel=\"successor-version\"");
            rulings.currentVersionOf(r.claimId())
                    .ifPresent(id -> links.add("<" + BASE + id + ">; rel=\"latest-version\""));
        }
        if (!links.isEmpty()) {
            rb.header("Link", String.join(", ", links));
        }
        return rb;
    }

    private PublicReviewSummary summary(Ruling r) {
        return new PublicReviewSummary(r.id(), publishing.pageUrl(r.id()), r.claimReviewed(), r.headline(),
                r.verdictLabel(), r.ratingValue(), r.versionNumber(), r.firstPublishedAt(),
                r.versionNumber() > 1 ? r.publishedAt() : null, BASE + r.id(), BASE + r.id() + "/provenance",
                r.supersedes() == null ? null : BASE + r.supersedes());
    }
}
