package org.factdesk.common.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;

/**
 * Whole-number query parameters ({@code Integer}, {@code Long}) that fail to parse: JAX-RS answers such a failure with
 * 404, as if the resource did not exist, where the client needs a 400 naming the parameter. The problem raised here
 * reaches the client through {@link ProblemMappers}, which unwraps it from the {@code NotFoundException} JAX-RS puts
 * around it. Path parameters keep the 404: {@code /claims/abc} names no claim.
 */
@Provider
public class NumberParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Whole<>(name, s -> Integer.valueOf(s));
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new Whole<>(name, s -> Long.valueOf(s));
        }
        return null;
    }

    private static String queryName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private record Whole<N extends Number>(String name, Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (NumberFormatException e) {
                throw ProblemException.invalidParameters(List.of(new FieldError(name, "must be a whole number")));
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
