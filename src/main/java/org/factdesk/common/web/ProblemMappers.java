package org.factdesk.common.web;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.factdesk.common.JsonFieldPath;
import org.factdesk.common.ProblemException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into an RFC 9457 problem: no stack traces, no SQL, no internal class names. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    public static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_BASE = "https://factdesk.org/problems/";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder rb = build(e.status(), e.type(), e.title(), e.getMessage(), uri, e.extensions());
        e.headers().forEach(rb::header);
        return rb.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<ProblemException.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new ProblemException.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(ProblemException.FieldError::field));
        return problem(ProblemException.invalid(errors), uri);
    }

    /** A JSON string refused by the text rule ({@link JsonText}): a 422 naming the field's path. */
    @ServerExceptionMapper
    public Response refusedText(JsonText.RefusedText e, UriInfo uri) {
        String field = JsonFieldPath.of(e);
        return problem(ProblemException.unprocessable(field.isEmpty() ? "body" : field, e.reason()), uri);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            ValueInstantiationException.class, InvalidTypeIdException.class })
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String detail = "The request body is not valid JSON";
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            detail = "Invalid value " + quote(f.getValue()) + " for '" + JsonFieldPath.of(f) + "'; allowed: "
                    + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            detail = "Field '" + JsonFieldPath.of(m) + "' has the wrong type or format";
        }
        return build(400, "malformed-request", "Malformed request", detail, uri, Map.of()).build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return build(401, "unauthorized", "Unauthorized",
                "Sign in, or send 'Authorization: Bearer <API key>'", uri, Map.of())
                .header("WWW-Authenticate", "Bearer realm=\"factdesk\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(403, "forbidden", "Forbidden", "Your role does not allow this action", uri, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return build(412, "precondition-failed", "Precondition failed",
                "The resource was changed concurrently; reload and apply your change again", uri, Map.of()).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException p) {
            return problem(p, uri); // a parameter converter's answer, wrapped by JAX-RS (NumberParameters)
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "Cannot produce the requested media type";
            case 413 -> "The request body is too large";
            case 415 -> "This media type is not supported here";
            default -> status >= 500 ? "The request could not be processed" : e.getMessage();
        };
        Response.ResponseBuilder rb = build(status, slug(title), title, detail, uri, Map.of());
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            rb.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return rb.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", rootMessage(e));
            return build(503, "service-unavailable", "Service unavailable",
                    "The database is unreachable; retry shortly", uri, Map.of())
                    .header("Retry-After", "5").build();
        }
        if (isClientGone(e)) {
            LOG.debugf("Client closed the connection: %s", rootMessage(e));
            return build(400, "bad-request", "Bad request", "The request body ended early", uri, Map.of()).build();
        }
        if (isMalformedForm(e)) {
            LOG.debugf("Malformed form body: %s", rootMessage(e));
            return build(400, "malformed-request", "Malformed request",
                    "The form body is not valid (bad percent-encoding or a broken multipart part)", uri, Map.of())
                    .build();
        }
        SQLException sql = find(e, SQLException.class);
        if (sql != null && "23505".equals(sql.getSQLState())) {
            return build(409, "conflict", "Conflict", "This would duplicate an existing record", uri, Map.of())
                    .build();
        }
        if (sql != null && "23503".equals(sql.getSQLState())) {
            return build(422, "validation", "Validation failed", "A referenced record does not exist", uri, Map.of())
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return build(500, "internal", "Internal error", "Unexpected error; quote incident " + incident, uri,
                Map.of()).build();
    }

    /**
     * Whether the failure means PostgreSQL went away (down, restarting, or our session terminated): a 503 the
     * client may retry. Searches the causes and the suppressed exceptions, since a commit cut off by a fast
     * shutdown or {@code pg_terminate_backend} reaches us as Narayana's {@code RollbackException} (or a heuristic
     * outcome) with the driver's error only suppressed inside it, and a failed batch keeps its reason in
     * {@link SQLException#getNextException()}.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        todo.add(e);
        while (!todo.isEmpty() && seen.size() < 100) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getName();
            String msg = String.valueOf(t.getMessage());
            if (name.endsWith("JDBCConnectionException") || msg.contains("Acquisition timeout")
                    || msg.contains("Connection refused") || msg.contains("This connection has been closed")) {
                return true;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                todo.add(s.getNextException());
            }
            todo.addAll(Arrays.asList(t.getSuppressed()));
        }
        return false;
    }

    /** The client closed the connection while its request was being read (an aborted upload). */
    static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The REST layer failed while it decoded a form or multipart body (a bad percent escape, a part cut short):
     * the client's malformed body, not our failure.
     */
    static boolean isMalformedForm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof IllegalArgumentException || t instanceof java.io.IOException)) {
                continue;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static Response.ResponseBuilder build(int status, String type, String title, String detail, UriInfo uri,
            Map<String, Object> extensions) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(body(status, type, title, detail, uri == null ? null : uri.getPath(), extensions));
    }

    /** The problem document; also written by handlers that run before the REST layer. */
    static Map<String, Object> body(int status, String type, String title, String detail, String instance,
            Map<String, Object> extensions) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return body;
    }

    private static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> parts.clear();
                default -> {
                    if (node.getName() != null) {
                        parts.add(node.getIndex() != null && node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT
                                ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            // a violation on a whole parameter: its name is the field
            String last = null;
            for (Path.Node node : path) {
                last = node.getName();
            }
            return last == null ? "body" : last;
        }
        return String.join(".", parts);
    }


    private static String quote(Object v) {
        return v == null ? "null" : "'" + v + "'";
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
