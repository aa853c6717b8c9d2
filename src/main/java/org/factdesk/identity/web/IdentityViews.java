package org.factdesk.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.factdesk.identity.ApiKey;
import org.factdesk.identity.AppUser;
import org.factdesk.identity.Role;

/** Request and response records of the identity endpoints. */
public final class IdentityViews {

    private IdentityViews() {
    }

    /** The signed-in caller. */
    @Schema(name = "Me", requiredProperties = { "username", "displayName", "roles" })
    public record MeView(@Schema(example = "checker") String username,
            @Schema(example = "Fran Checker") String displayName,
            @Schema(example = "[\"FACT_CHECKER\"]", type = SchemaType.ARRAY, implementation = Role.class) List<String> roles) {
    }

    /** A user as other users see it. */
    @Schema(name = "User", requiredProperties = { "username", "displayName", "roles", "active", "createdAt" })
    public record UserView(@Schema(example = "checker") String username,
            @Schema(example = "Fran Checker") String displayName, @Schema(type = SchemaType.ARRAY, implementation = Role.class) List<String> roles, boolean active,
            Instant createdAt) {
        public static UserView of(AppUser u) {
            return new UserView(u.username(), u.displayName(), u.roleNames(), u.active(), u.createdAt());
        }
    }

    /** A page of users. */
    @Schema(name = "UserList", requiredProperties = { "items" })
    public record UserList(List<UserView> items) {
    }

    /** Creates a user. */
    @Schema(name = "CreateUserRequest")
    public record CreateUserRequest(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{1,39}$", message = "2-40 chars: lowercase letters, digits, . _ -")
            @Schema(example = "jdoe") String username,
            @NotBlank @Size(max = 120) @Schema(example = "Jane Doe") String displayName,
            @NotNull @Size(min = 12, max = 200) @Schema(example = "correct-horse-battery") String password,
            @NotEmpty @Schema(example = "[\"FACT_CHECKER\"]") Set<@NotNull Role> roles) {
    }

    /** Creates an API key for an integration. */
    @Schema(name = "CreateApiKeyRequest")
    public record CreateApiKeyRequest(@NotBlank @Size(max = 80) @Schema(example = "cms-ingest") String name,
            @NotNull @Schema(example = "CONTRIBUTOR") Role role) {
    }

    /** A newly issued key; {@code token} is shown only in this response. */
    @Schema(name = "IssuedApiKey", requiredProperties = { "id", "name", "role", "token" })
    public record IssuedApiKeyView(long id, @Schema(example = "cms-ingest") String name, Role role,
            @Schema(example = "fdk_3q2+7w...") String token) {
    }

    /** An API key without its secret. */
    @Schema(name = "ApiKey", requiredProperties = { "id", "name", "role", "createdBy", "createdAt" })
    public record ApiKeyView(long id, String name, Role role, String createdBy, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {
        public static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id(), k.name(), k.role(), k.createdBy(), k.createdAt(), k.lastUsedAt(),
                    k.revokedAt());
        }
    }

    /** All API keys. */
    @Schema(name = "ApiKeyList", requiredProperties = { "items" })
    public record ApiKeyList(List<ApiKeyView> items) {
    }
}
