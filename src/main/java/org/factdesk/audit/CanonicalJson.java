package org.factdesk.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The canonical form hashed into the chain: JSON with object keys sorted (by UTF-16 code units, at every depth),
 * no insignificant whitespace, UTF-8, integers without exponent, timestamps as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}.
 */
public final class CanonicalJson {

    /** The prevHash of the first event of every chain. */
    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {
    }

    public static String timestamp(Instant instant) {
        return MICROS.format(instant);
    }

    /** Canonical text of any JSON value given as text. */
    public static String canonicalize(String json) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(MAPPER.convertValue(value, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable", e);
        }
    }

    /** The canonical document of one event; its data is parsed and re-serialised canonically. */
    public static String event(long seq, Long claimId, String type, String actor, Instant occurredAt, String data) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("actor", actor);
        doc.put("claimId", claimId);
        try {
            doc.put("data", MAPPER.readValue(data, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not JSON", e);
        }
        doc.put("occurredAt", timestamp(occurredAt));
        doc.put("seq", seq);
        doc.put("type", type);
        return write(doc);
    }

    /** A numeric field of a JSON object given as text; {@link Long#MIN_VALUE} when absent or not a number. */
    public static long longField(String json, String field) {
        try {
            var node = MAPPER.readTree(json).get(field);
            return node != null && node.canConvertToLong() && node.isIntegralNumber() ? node.asLong() : Long.MIN_VALUE;
        } catch (JsonProcessingException e) {
            return Long.MIN_VALUE;
        }
    }

    /** {@code hex(SHA-256(prevHash as ASCII hex || canonical event as UTF-8))}. */
    public static String chainHash(String prevHash, String canonicalEvent) {
        return sha256Hex((prevHash + canonicalEvent).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
