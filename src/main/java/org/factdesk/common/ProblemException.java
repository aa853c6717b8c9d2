package org.factdesk.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A failure that reaches the client as an RFC 9457 problem with the given status and text. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of(), Map.of());
    }

    public ProblemException(int status, String type, String title, String detail,
            Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = new LinkedHashMap<>(extensions);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    /** A 400 for query or path parameters, each listed in {@code errors} like the fields of a 422. */
    public static ProblemException invalidParameters(List<FieldError> errors) {
        return new ProblemException(400, "bad-request", "Bad request", errors.size() + " parameter(s) are invalid",
                Map.of("errors", errors), Map.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(409, "conflict", title, detail);
    }

    public static ProblemException conflict(String title, String detail, Map<String, Object> extensions) {
        return new ProblemException(409, "conflict", title, detail, extensions, Map.of());
    }

    public static ProblemException unprocessable(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "validation", "Validation failed",
                errors.size() + " field(s) are invalid", Map.of("errors", errors), Map.of());
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Payload too large", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** One invalid input field and why. */
    public record FieldError(String field, String message) {
    }
}
