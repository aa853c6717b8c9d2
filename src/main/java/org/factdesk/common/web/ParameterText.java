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
}
