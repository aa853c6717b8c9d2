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
    /** The problem types' base, as ProblemMappers writes it. */
    private static final String TYPE_BASE = ProblemMappers.TYPE_BASE;

    /** One documented error: its status, the problem type the server sends with it, and an example's text. */
    private record Error(String code, String type, String title, String detail) {
    }

    private static final Error BAD_REQUEST = new Error("400", "bad-request", "Bad request",
            "limit must be between 1 and 100");
    private static final Error MALFORMED = new Error("400", "malformed-request", "Malformed request",
            "The request body is not valid JSON");
    private static final Error UNAUTHORIZED = new Error("401", "unauthorized", "Unauthorized",
            "Sign in, or send 'Authorization: Bearer <API key>'");
    private static final Error SIGN_IN_FAILED = new Error("401", "invalid-credentials", "Sign-in failed",
            "Unknown user or wrong password");
    private static final Error FORBIDDEN = new Error("403", "forbidden", "Forbidden",
            "Your role does not allow this action");
    private static final Error NOT_FOUND = new Error("404", "not-found", "Not found", "Claim 42 does not exist");
    private static final Error ILLEGAL_TRANSITION = new Error("409", "conflict", "Illegal status change",
            "A claim in SUBMITTED cannot move to RATED; allowed: [RESEARCHING, DISMISSED]");
    private static final Error CONFLICT = new Error("409", "conflict", "Conflict",
            "The resource is not in a state that allows this change");
    private static final Error PRECONDITION_FAILED = new Error("412", "precondition-failed", "Precondition failed",
            "The resource changed since you read it (you sent If-Match: \"2\", the current ETag is \"3\"); reload and apply "
                    + "your change again");
    private static final Error TOO_LARGE = new Error("413", "payload-too-large", "Payload too large",
            "The request body exceeds the limit");
    private static final Error UNSUPPORTED = new Error("415", "unsupported-media-type", "Unsupported media type",
            "This media type is not supported here");
    private static final Error INVALID = new Error("422", "validation", "Validation failed", "1 field(s) are invalid");
    private static final Error PRECONDITION_REQUIRED = new Error("428", "precondition-required",
            "Precondition required", "This write needs an If-Match header with the ETag of the version you edited");
    private static final Error TOO_MANY_SIGN_INS = new Error("429", "too-many-attempts", "Too many sign-in attempts",
            "Too many failed sign-ins for this account from your address; retry in 300 s");
    private static final Error UNAVAILABLE = new Error("503", "service-unavailable", "Service unavailable",
            "The database is unreachable; retry shortly");
    /** For a status an operation declares on its own without an example: the type the server sends with it. */
    private static final Map<String, Error> BY_STATUS = Map.ofEntries(Map.entry("400", BAD_REQUEST),
            Map.entry("401", UNAUTHORIZED), Map.entry("403", FORBIDDEN), Map.entry("404", NOT_FOUND),
            Map.entry("409", CONFLICT), Map.entry("412", PRECONDITION_FAILED), Map.entry("413", TOO_LARGE),
            Map.entry("415", UNSUPPORTED), Map.entry("416", new Error("416", "range-not-satisfiable",
                    "Range not satisfiable", "The range starts past the end of the content")),
            Map.entry("422", INVALID), Map.entry("428", PRECONDITION_REQUIRED),
            Map.entry("429", new Error("429", "rate-limited", "Too many requests", "Retry in 30 s")),
            Map.entry("503", UNAVAILABLE));

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
        plainSchemas(openAPI);
    }

    /**
     * Java's names stay out of the contract: java.time types become the string formats they are written as, and a
     * reference carries no sibling type or examples (generators read those as a second, conflicting definition).
     */
    private static void plainSchemas(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        components.values().forEach(OpenApiFilter::plain);
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getParameters() != null) {
                op.getParameters().forEach(p -> plain(p.getSchema()));
            }
            if (op.getRequestBody() != null) {
                plain(op.getRequestBody().getContent());
            }
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> plain(r.getContent()));
            }
        }));
        JAVA_TIME.keySet().forEach(openAPI.getComponents()::removeSchema);
    }

    private static final Map<String, String> JAVA_TIME = Map.of("Instant", "date-time", "LocalDate", "date",
            "OffsetDateTime", "date-time");

    private static void plain(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> plain(m.getSchema()));
        }
    }

    private static void plain(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (JAVA_TIME.containsKey(name)) {
                schema.setRef(null);
                schema.setType(List.of(Schema.SchemaType.STRING));
                schema.setFormat(JAVA_TIME.get(name));
            } else {
                schema.setType(null);
                schema.setFormat(null);
                schema.setExamples(null);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiFilter::plain);
        }
        plain(schema.getItems());
        plain(schema.getAdditionalPropertiesSchema());
        for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (list != null) {
                list.forEach(OpenApiFilter::plain);
            }
        }
    }

    private void complete(String path, PathItem.HttpMethod method, Operation op) {
        boolean open = path.startsWith("/api/public") || path.equals("/api/v1/auth/login")
                || path.equals("/api/v1/auth/logout");
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        // what the operation reads, not its method: a POST without a body never answers 413, 415 or 422 for one
        boolean takesBody = op.getRequestBody() != null;
        Parameter ifMatch = header(op, "If-Match");
        boolean versioned = ifMatch != null;
        boolean revalidated = header(op, "If-None-Match") != null;
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
        add(path, op, takesBody ? MALFORMED : BAD_REQUEST);
        if (path.equals("/api/v1/auth/login")) {
            add(path, op, SIGN_IN_FAILED);
            add(path, op, TOO_MANY_SIGN_INS);
        } else if (!open) {
            add(path, op, UNAUTHORIZED);
            add(path, op, FORBIDDEN);
        }
        if (path.contains("{")) {
            add(path, op, NOT_FOUND);
        }
        if (write && !open) {
            add(path, op, path.endsWith("/transitions") ? ILLEGAL_TRANSITION : CONFLICT);
        }
        if (takesBody) {
            add(path, op, INVALID);
            add(path, op, UNSUPPORTED);
            add(path, op, TOO_LARGE);
        }
        if (versioned) {
            add(path, op, PRECONDITION_FAILED);
        }
        // 428 only where the server refuses a write without If-Match (the parameter says required)
        if (ifMatch != null && Boolean.TRUE.equals(ifMatch.getRequired())) {
            add(path, op, PRECONDITION_REQUIRED);
        }
        if (revalidated && !op.getResponses().hasAPIResponse("304")) {
            op.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified: If-None-Match lists the current ETag (or is *); no body"));
        }
        add(path, op, UNAVAILABLE);
        op.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problemContent(path, code, response);
            }
            declareHeaders(code, response, versioned || revalidated);
        });
    }

    private static Parameter header(Operation op, String name) {
        return op.getParameters() == null ? null
                : op.getParameters().stream().filter(p -> p.getIn() == Parameter.In.HEADER
                        && name.equalsIgnoreCase(p.getName())).findFirst().orElse(null);
    }

    /** Every error answer is a problem document, also those an annotation declared with a description only. */
    private static void problemContent(String path, String code, APIResponse response) {
        if (response.getContent() != null && response.getContent().getMediaTypes() != null
                && !response.getContent().getMediaTypes().isEmpty()) {
            return;
        }
        Error error = BY_STATUS.getOrDefault(code, new Error(code, "error", response.getDescription(), null));
        response.setContent(problem(path, error));
    }

    /**
     * The response headers the server sends, declared where it sends them: ETag with every version it answers,
     * Location with what it creates, the challenge with 401, Retry-After where a client should wait, Content-Range
     * with partial content.
     */
    private static void declareHeaders(String code, APIResponse response, boolean versioned) {
        switch (code) {
            case "200", "201" -> {
                if (versioned || "201".equals(code)) {
                    header(response, "ETag", "The strong entity-tag of this version (If-Match on a write, If-None-Match on a read)",
                            "\"3\"");
                }
                if ("201".equals(code)) {
                    header(response, "Location", "The URL of what was created", "/api/v1/claims/42");
                }
            }
            case "206" -> header(response, "Content-Range", "The bytes in this answer (RFC 9110 14.4)",
                    "bytes 0-1023/204800");
            case "416" -> header(response, "Content-Range", "The size of the whole content (RFC 9110 15.5.17)",
                    "bytes */204800");
            case "401" -> header(response, "WWW-Authenticate", "The authentication scheme to use",
                    "Bearer realm=\"factdesk\"");
            case "412" -> header(response, "ETag", "The current entity-tag: reload, reapply the change, send this",
                    "\"3\"");
            case "429", "503" -> header(response, "Retry-After", "Seconds to wait before trying again", "30");
            default -> {
            }
        }
    }

    private static void header(APIResponse response, String name, String description, String example) {
        if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
            return;
        }
        response.addHeader(name, OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).examples(List.of(example))));
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
                .addProperty("currentVersion", member(Schema.SchemaType.INTEGER, "With a 412: the version the resource is at now"))
                .addProperty("draftedBy", member(Schema.SchemaType.STRING, "With a refused approval: who drafted the ruling (four eyes: not you)"))
                .addProperty("limit", member(Schema.SchemaType.INTEGER, "With a 429: the requests allowed per window"))
                .addProperty("retryAfter", member(Schema.SchemaType.INTEGER, "With a 429: seconds until the window ends (also in Retry-After)"))
                .addProperty("supersededBy", member(Schema.SchemaType.INTEGER, "With a 409 for a superseded review: the review that corrected it"))
                .addProperty("maxLines", member(Schema.SchemaType.INTEGER, "With a 413 of an import: the most lines one import takes"))
                .required(List.of("type", "title", "status"));
    }

    /** A problem member that comes with some problems only, saying with which. */
    private static Schema member(Schema.SchemaType type, String description) {
        return OASFactory.createSchema().type(List.of(type)).description(description);
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme, List.of());
    }

    private static void add(String path, Operation op, Error error) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        if (op.getResponses().hasAPIResponse(error.code())) {
            return;
        }
        op.getResponses().addAPIResponse(error.code(),
                OASFactory.createAPIResponse().description(error.title()).content(problem(path, error)));
    }

    /** A problem+json body whose example is this operation's own: its path as instance, the type the server sends. */
    private static Content problem(String path, Error error) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", TYPE_BASE + error.type());
        example.put("title", error.title());
        example.put("status", Integer.parseInt(error.code()));
        if (error.detail() != null) {
            example.put("detail", error.detail());
        }
        example.put("instance", path.replaceAll("\\{[^}]+}", "42"));
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .example(example);
        return OASFactory.createContent().addMediaType(ProblemMappers.PROBLEM_JSON, media);
    }
}
