package org.factdesk.webhook.web;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.Cursors;
import org.factdesk.common.Preconditions;
import org.factdesk.common.ProblemException;
import org.factdesk.common.web.ParameterText;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.webhook.Deliveries;
import org.factdesk.webhook.EventTypes;
import org.factdesk.webhook.WebhookEndpoint;
import org.factdesk.webhook.Webhooks;
import org.factdesk.webhook.web.WebhookViews.AttemptView;
import org.factdesk.webhook.web.WebhookViews.CreateWebhookRequest;
import org.factdesk.webhook.web.WebhookViews.CreatedWebhookView;
import org.factdesk.webhook.web.WebhookViews.DeliveryPage;
import org.factdesk.webhook.web.WebhookViews.DeliveryView;
import org.factdesk.webhook.web.WebhookViews.EventTypeList;
import org.factdesk.webhook.web.WebhookViews.ReplayRequest;
import org.factdesk.webhook.web.WebhookViews.RequeuedView;
import org.factdesk.webhook.web.WebhookViews.SecretView;
import org.factdesk.webhook.web.WebhookViews.UpdateWebhookRequest;
import org.factdesk.webhook.web.WebhookViews.WebhookList;
import org.factdesk.webhook.web.WebhookViews.WebhookView;

/** Signed webhooks (Standard Webhooks 1.0) for administrators: endpoints, secrets and the delivery log. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Endpoints that receive audit events, signed per Standard Webhooks 1.0")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_)
public class WebhookResource {

    @Inject
    Webhooks webhooks;
    @Inject
    Deliveries deliveries;
    @Inject
    CurrentUser currentUser;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = CreatedWebhookView.class, responseCode = "201",
            responseDescription = "Created; the secret is in this answer only")
    @Operation(operationId = "createWebhook", summary = "Add an endpoint (https, public address)")
    public Response create(@NotNull @Valid CreateWebhookRequest request) {
        Webhooks.Created c = webhooks.create(request.settings(), currentUser.name());
        return Response.created(URI.create("/api/v1/webhooks/" + c.endpoint().id()))
                .tag(String.valueOf(c.endpoint().version()))
                .entity(new CreatedWebhookView(c.secret(), WebhookView.of(c.endpoint()))).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "Every endpoint")
    public WebhookList list() {
        return new WebhookList(webhooks.list().stream().map(WebhookView::of).toList());
    }

    @GET
    @Path("/event-types")
    @Operation(operationId = "listWebhookEventTypes", summary = "The event types an endpoint can subscribe to")
    public EventTypeList eventTypes() {
        return new EventTypeList(List.copyOf(EventTypes.ALL));
    }

    @GET
    @Path("/{id}")
    @APIResponseSchema(value = WebhookView.class, responseCode = "200")
    @Operation(operationId = "getWebhook", summary = "One endpoint (ETag for PATCH and DELETE)")
    public Response get(@PathParam("id") long id) {
        return withEtag(webhooks.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @APIResponseSchema(value = WebhookView.class, responseCode = "200")
    @Operation(operationId = "updateWebhook", summary = "Change an endpoint (requires If-Match); enabling it again "
            + "clears why it was disabled")
    public Response update(@PathParam("id") long id,
            @Parameter(required = true, description = "ETag of the version being changed") @HeaderParam("If-Match") List<String> ifMatch,
            @NotNull @Valid UpdateWebhookRequest request) {
        return withEtag(webhooks.update(id, Preconditions.requireIfMatch(ifMatch), request::applyTo,
                currentUser.name()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove an endpoint and its delivery log (requires If-Match)")
    public Response delete(@PathParam("id") long id, @Parameter(required = true, description = "ETag of the endpoint's version") @HeaderParam("If-Match") List<String> ifMatch) {
        webhooks.delete(id, Preconditions.requireIfMatch(ifMatch), currentUser.name());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret")
    @APIResponseSchema(value = SecretView.class, responseCode = "200")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new secret (requires If-Match); the previous one "
            + "keeps signing beside it for factdesk.webhooks.secret-overlap (24 h)")
    public Response rotate(@PathParam("id") long id, @Parameter(required = true, description = "ETag of the endpoint's version") @HeaderParam("If-Match") List<String> ifMatch) {
        Webhooks.Rotated r = webhooks.rotateSecret(id, Preconditions.requireIfMatch(ifMatch), currentUser.name());
        return Response.ok(new SecretView(r.secret(), r.previousValidUntil(), WebhookView.of(r.endpoint())))
                .tag(String.valueOf(r.endpoint().version())).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first")
    public DeliveryPage deliveries(@PathParam("id") long id,
            @Parameter(description = "Only deliveries in this state", schema = @Schema(type = SchemaType.STRING, enumeration = { "PENDING", "SUCCEEDED", "FAILED" })) @QueryParam("status") String status,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1-200 (default 50)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50")) @QueryParam("limit") String limit) {
        webhooks.get(id);
        Deliveries.Status s = status(status);
        Long before = cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor);
        int size = Cursors.limit(ParameterText.optionalLimit(limit), 50, 200);
        List<Deliveries.Delivery> page = deliveries.page(id, s, null, before, size + 1);
        boolean more = page.size() > size;
        List<DeliveryView> items = page.stream().limit(size).map(d -> DeliveryView.of(d, null)).toList();
        return new DeliveryPage(items, more ? Cursors.encode(items.get(items.size() - 1).id()) : null);
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery with every attempt")
    public DeliveryView delivery(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        Deliveries.Delivery d = deliveries.get(id, deliveryId)
                .orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
        return DeliveryView.of(d, deliveries.attempts(deliveryId).stream().map(AttemptView::of).toList());
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @APIResponseSchema(value = RequeuedView.class, responseCode = "202")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send one delivery again now, same webhook-id")
    public Response redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        Webhooks.Requeued r = webhooks.redeliver(id, deliveryId, currentUser.name());
        return Response.accepted(new RequeuedView(r.deliveries(), r.continueFromSeq())).build();
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = RequeuedView.class, responseCode = "202")
    @Operation(operationId = "replayWebhook", summary = "Requeue every subscribed event from an audit seq on "
            + "(at most 10,000 per request; continueFromSeq says where to go on)")
    public Response replay(@PathParam("id") long id, @NotNull @Valid ReplayRequest request) {
        Webhooks.Requeued r = webhooks.replay(id, request.fromSeq(), currentUser.name());
        return Response.accepted(new RequeuedView(r.deliveries(), r.continueFromSeq())).build();
    }

    private static Deliveries.Status status(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Deliveries.Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameters(List.of(new ProblemException.FieldError("status",
                    "must be PENDING, SUCCEEDED or FAILED")));
        }
    }

    private static Response withEtag(WebhookEndpoint e) {
        return Response.ok(WebhookView.of(e)).tag(String.valueOf(e.version())).build();
    }
}
