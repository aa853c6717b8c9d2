package org.factdesk.common.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.common.Text;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link Text} to every decoded query parameter (declared or not) and path parameter of every resource,
 * after matching so that a path parameter is named as its template names it ({@code username}). A refused value is
 * a 400 problem listing each parameter. Whether the URL is well formed at all (escapes, UTF-8) is decided earlier,
 * by {@link HttpEdge}.
 */
public class ParameterText {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        List<FieldError> errors = new ArrayList<>();
        collect(request.getUriInfo().getPathParameters(), errors);
        collect(request.getUriInfo().getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidParameters(errors);
        }
    }

    private static void collect(MultivaluedMap<String, String> params, List<FieldError> errors) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String nameProblem = Text.problem(e.getKey());
            if (nameProblem != null) {
                errors.add(new FieldError("(parameter name)", nameProblem));
                continue;
            }
            for (String value : e.getValue()) {
                String why = Text.problem(value);
                if (why != null) {
                    errors.add(new FieldError(e.getKey(), why));
                    break;
                }
            }
        }
    }

    /**
     * A whole-number query parameter, parsed here rather than by JAX-RS: a failed conversion there answers 404, as
     * if the resource did not exist, where the client needs a 400 that names the parameter.
     */
    public static long number(String name, String value, long min) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.invalidParameters(List.of(new FieldError(name, "is required")));
        }
        try {
            long v = Long.parseLong(value);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidParameters(List.of(new FieldError(name, "must be a whole number >= " + min)));
    }

    /** An optional page size: the default when absent, else at least 1 (callers cap it). */
    public static Integer optionalLimit(String value) {
        return value == null || value.isEmpty() ? null : (int) Math.min(number("limit", value, 1), Integer.MAX_VALUE);
    }
}
