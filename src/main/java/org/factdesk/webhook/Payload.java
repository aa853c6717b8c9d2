package org.factdesk.webhook;

import org.factdesk.audit.AuditEvent;
import org.factdesk.common.AuditRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a delivery, {@code {type, timestamp, data}} as Standard Webhooks has it, built from the immutable
 * audit event alone, so every attempt sends the same bytes: {@code data} is the event (its seq, claim, actor, time
 * and recorded content) with links to the claim and to the event in the claim's history.
 */
public final class Payload {

    private Payload() {
    }

    /** The {@code webhook-id}: per event, the same to every endpoint and on every attempt (receivers dedupe on it). */
    public static String messageId(AuditEvent e) {
        return messageId(e.seq(), e.hash());
    }

    /** Seq and hash: unique even across a desk restored into a fresh database, where seqs start again. */
    public static String messageId(long seq, String eventHash) {
        return "msg_" + seq + "_" + eventHash.substring(0, 16);
    }

    public static String body(ObjectMapper json, AuditEvent e, String baseUrl) {
        ObjectNode root = json.createObjectNode();
        root.put("type", AuditRecord.dottedName(e.type()));
        root.put("timestamp", e.occurredAt().toString());
        ObjectNode data = root.putObject("data");
        data.put("seq", e.seq());
        data.put("eventType", e.type());
        if (e.claimId() == null) {
            data.putNull("claimId");
        } else {
            data.put("claimId", e.claimId());
        }
        data.put("actor", e.actor());
        data.put("occurredAt", e.occurredAt().toString());
        data.put("hash", e.hash());
        try {
            data.set("event", json.readTree(e.data()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit event " + e.seq() + " holds invalid JSON", ex);
        }
        ObjectNode links = data.putObject("links");
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (e.claimId() != null) {
            links.put("claim", base + "/api/v1/claims/" + e.claimId());
            links.put("history", base + "/api/v1/claims/" + e.claimId() + "/history");
        }
        return root.toString();
    }
}
