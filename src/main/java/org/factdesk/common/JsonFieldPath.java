package org.factdesk.common;

import com.fasterxml.jackson.databind.JsonMappingException;

/** The field a Jackson mapping failure is about, as problems name fields: {@code tags[2]}, {@code author.name}. */
public final class JsonFieldPath {

    private JsonFieldPath() {
    }

    public static String of(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
