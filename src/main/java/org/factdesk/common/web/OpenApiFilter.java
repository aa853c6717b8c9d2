package org.factdesk.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.factdesk.common.IdempotencyKeys;
import org.factdesk.common.Idempotent;

/**
 * Completes the generated OpenAPI document: the security schemes (API key as Bearer token, session cookie), and the
 * problem+json error responses each operation can answer with, each with an example.
 */
public class OpenApiFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private record Error(String code, String title, String detail) {
    }

    private static final Error BAD_REQUEST = new Error("400", "Malformed request", "The request body is not valid JSON");
    private static final Error UNAUTHORIZED = new Error("401", "Unauthorized",
            "Sign in, or send 'Authorization: Bearer <API key>'");
    private static final Error FORBIDDEN = new Error("403", "Forbidden", "Your role does not allow this action");
    private static final Error NOT_FOUND = new Error("404", "Not found", "Claim 42 does not exist");
    private static final Error CONFLICT = new Error("409", "Illegal status change",
            "A claim in SUBMITTED cannot move to RATED; allowed: [RESEARCHING, DISMISSED]");
    private static final Error PRECONDITION_FAILED = new Error("412", "Precondition failed",
            "The resource changed since you read it (you sent If-Match: \"2\", the current ETag is \"3\"); reload and apply "
                    + "your change again");
    private static final Error TOO_LARGE = new Error("413", "Payload too large", "The file exceeds the 25 MiB limit");
    private static final Error UNSUPPORTED = new Error("415", "Unsupported media type",
            "This media type is not supported here");
    private static final Error INVALID = new Error("422", "Validation failed", "1 field(s) are invalid");
    private static final Error PRECONDITION_REQUIRED = new Error("428", "Precondition required",
            "This write needs an If-Match header with the ETag of the version you edited");
    private static final Error TOO_MANY = new Error("429", "Too many sign-in attempts",
            "Too many failed sign-ins for this account from your address; retry in 300 s");
    private static final Error UNAVAILABLE = new Error("503", "Service unavailable",
            "The database is unreachable; retry shortly");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme("apiKey", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("API key issued by an administrator (POST /api/v1/api-keys)"));
        openAPI.getComponents().addSecurityScheme("session", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE).name("factdesk_session")
                .description("Browser session cookie set by POST /api/v1/auth/login"));
        if (openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            openAPI.getComponents().addSchema("Problem", problemSchema());
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                complete(path, e.getKey(), e.getValue());
            }
        });
    }

    private void complete(String path, PathItem.HttpMethod method, Operation op) {
        boolean open = path.startsWith("/api/public") || path.equals("/api/v1/auth/login")
                || path.equals("/api/v1/auth/logout");
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean takesBody = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        boolean versioned = op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        boolean revalidated = op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> "If-None-Match".equalsIgnoreCase(p.getName()));
        if (op.getParameters() != null) {
            // read as every header line (a list in Java), documented as the one comma-separated field it is
            op.getParameters().stream().filter(p -> p.getIn() == Parameter.In.HEADER && p.getName() != null
                    && p.getName().toLowerCase(Locale.ROOT).startsWith("if-"))
                    .forEach(p -> p.setSchema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
        if (op.getExtensions() != null && op.getExtensions().containsKey(Idempotent.EXTENSION)) {
            documentIdempotency(op);
        }
        if (op.getDescription() == null || op.getDescription().isBlank()) {
            op.setDescription(op.getSummary());
        }
        if (!open) {
            op.setSecurity(List.of(requirement("apiKey"), requirement("session")));
        } else {
            op.setSecurity(List.of());
        }
        add(op, BAD_REQUEST);
        if (!open) {
            add(op, UNAUTHORIZED);
            add(op, FORBIDDEN);
        }
        if (path.contains("{")) {
            add(op, NOT_FOUND);
        }
        if (write) {
            add(op, CONFLICT);
            if (takesBody) {
                add(op, INVALID);
                add(op, UNSUPPORTED);
                add(op, TOO_LARGE);
            }
        }
        if (versioned) {
            add(op, PRECONDITION_FAILED);
            add(op, PRECONDITION_REQUIRED);
        }
        if (revalidated && !op.getResponses().hasAPIResponse("304")) {
            op.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified: If-None-Match lists the current ETag (or is *); no body"));
        }
        if (path.equals("/api/v1/auth/login")) {
            add(op, UNAUTHORIZED);
            add(op, TOO_MANY);
        }
        add(op, UNAVAILABLE);
    }

    /** The header and the replay marker of an {@link Idempotent} endpoint (see IdempotencyInterceptor). */
    private static void documentIdempotency(Operation op) {
        op.addParameter(OASFactory.createParameter().name(Idempotent.HEADER).in(Parameter.In.HEADER).required(false)
                .description("A unique value per intended request (a UUID, say), quoted as a Structured Field string. "
                        + "A retry with the same key and request gets the stored response with Idempotent-Replayed: "
                        + "true (for 24 h); the same key with another request is a 422, a retry while the first runs a 409")
                .example("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .maxLength(IdempotencyKeys.MAX_LENGTH + 2)));
        if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
            return;
        }
        op.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("2")) {
                response.addHeader(Idempotent.REPLAYED, OASFactory.createHeader()
                        .description("true when this is the stored response of an earlier request with the same key")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
            }
        });
    }

    private static Schema problemSchema() {
        Schema field = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(field))
                .addProperty("allowed", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))))
                .addProperty("currentVersion", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .required(List.of("type", "title", "status"));
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme, List.of());
    }

    private static void add(Operation op, Error error) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        if (op.getResponses().hasAPIResponse(error.code())) {
            return;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://factdesk.org/problems/" + error.title().toLowerCase().replace(' ', '-'));
        example.put("title", error.title());
        example.put("status", Integer.parseInt(error.code()));
        example.put("detail", error.detail());
        example.put("instance", "/api/v1/claims/42");
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .example(example);
        Content content = OASFactory.createContent().addMediaType(ProblemMappers.PROBLEM_JSON, media);
        APIResponse response = OASFactory.createAPIResponse().description(error.title()).content(content);
        op.getResponses().addAPIResponse(error.code(), response);
    }
}
