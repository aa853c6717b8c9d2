package org.factdesk.identity.web;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.identity.CurrentUser;
import org.factdesk.identity.Role;
import org.factdesk.identity.UserService;
import org.factdesk.identity.web.IdentityViews.CreateUserRequest;
import org.factdesk.identity.web.IdentityViews.UserList;
import org.factdesk.identity.web.IdentityViews.UserView;

/** User administration; the list is readable by staff for assignee pickers and mentions. */
@Path("/api/v1/users")
@Tag(name = "Users", description = "People who sign in")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed({ Role.ADMIN_, Role.EDITOR_, Role.FACT_CHECKER_, Role.AUDITOR_ })
    @Operation(operationId = "listUsers", summary = "List users")
    public UserList list() {
        return new UserList(users.list().stream().map(UserView::of).toList());
    }

    @POST
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = UserView.class, responseCode = "201")
    @Operation(operationId = "createUser", summary = "Create a user")
    public Response create(@NotNull @Valid CreateUserRequest request) {
        var user = users.create(request.username(), request.displayName().strip(), request.password(),
                request.roles(), currentUser.name());
        return Response.created(UriBuilder.fromPath("/api/v1/users/{u}").build(user.username()))
                .entity(UserView.of(user)).build();
    }

    @POST
    @Path("/{username}/deactivation")
    @RolesAllowed(Role.ADMIN_)
    @Operation(operationId = "deactivateUser", summary = "Deactivate a user (ends their sign-ins; history is kept)")
    public UserView deactivate(@PathParam("username") String username) {
        return UserView.of(users.deactivate(username, currentUser.name()));
    }
}
