package org.factdesk;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * Holds a JSON answer to what the served OpenAPI document promises for it: every property its schema lists as
 * required is present, at any depth (through $ref, arrays and nested objects), and present properties the schema
 * declares non-nullable are not null. A generated client trusts exactly that.
 */
public final class Contract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonNode spec;

    private Contract() {
    }

    private static JsonNode spec() {
        if (spec == null) {
            try {
                spec = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return spec;
    }

    /** The problems of {@code response} against operation {@code method path} (an OpenAPI path template). */
    public static List<String> violations(String method, String path, Response response) {
        JsonNode op = spec().path("paths").path(path).path(method.toLowerCase());
        if (op.isMissingNode()) {
            return List.of(method + " " + path + " is not in the contract");
        }
        String code = String.valueOf(response.statusCode());
        JsonNode declared = op.path("responses").path(code);
        if (declared.isMissingNode()) {
            return List.of(method + " " + path + " answered " + code + ", which the contract does not list");
        }
        JsonNode schema = declared.path("content").path("application/json").path("schema");
        List<String> found = new ArrayList<>();
        if (!schema.isMissingNode()) {
            try {
                check(JSON.readTree(response.asString()), schema, method + " " + path + " " + code, found);
            } catch (Exception e) {
                found.add(method + " " + path + ": not JSON: " + e.getMessage());
            }
        }
        return found;
    }

    private static JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            schema = spec().path("components").path("schemas").path(name);
        }
        return schema;
    }

    private static void check(JsonNode value, JsonNode schema, String at, List<String> found) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", found);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText()) || value.get(name.asText()).isNull()) {
                found.add(at + ": required " + name.asText() + " is missing in " + value);
            }
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            if (value.has(p.getKey())) {
                check(value.get(p.getKey()), p.getValue(), at + "." + p.getKey(), found);
            }
        });
    }
}
