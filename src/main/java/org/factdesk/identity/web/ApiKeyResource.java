package org.factdesk.identity.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.identity.ApiKeyService;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.identity.web.IdentityViews.ApiKeyList;
import org.factdesk.identity.web.IdentityViews.ApiKeyView;
import org.factdesk.identity.web.IdentityViews.CreateApiKeyRequest;
import org.factdesk.identity.web.IdentityViews.IssuedApiKeyView;

/** API keys for integrations (administrators only). */
@Path("/api/v1/api-keys")
@Tag(name = "API keys", description = "Credentials for other systems")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;
    @Inject
    CurrentUser currentUser;

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys (without secrets)")
    public ApiKeyList list() {
        return new ApiKeyList(keys.list().stream().map(ApiKeyView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = IssuedApiKeyView.class, responseCode = "201")
    @Operation(operationId = "createApiKey", summary = "Issue an API key; the token is returned only once")
    public Response create(@NotNull @Valid CreateApiKeyRequest request) {
        var issued = keys.create(request.name().strip(), request.role(), currentUser.name());
        return Response.created(UriBuilder.fromPath("/api/v1/api-keys/{id}").build(issued.key().id()))
                .entity(new IssuedApiKeyView(issued.key().id(), issued.key().name(), issued.key().role(),
                        issued.token()))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Revoked")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
    public Response revoke(@PathParam("id") long id) {
        keys.revoke(id, currentUser.name());
        return Response.noContent().build();
    }
}
