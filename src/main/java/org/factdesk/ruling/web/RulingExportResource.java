package org.factdesk.ruling.web;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.factdesk.common.ProblemException;
import org.factdesk.identity.Role;
import org.factdesk.ruling.RulingExport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Published rulings for auditors as CSV or NDJSON, streamed row by row (constant memory at any size). */
@Path("/api/v1/exports")
@Tag(name = "Exports", description = "Bulk data for auditors")
public class RulingExportResource {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    static final List<String> COLUMNS = List.of("ruling_id", "claim_id", "claim_statement", "version_number", "status",
            "verdict_key", "verdict_label", "rating_value", "scale_version", "published_at", "drafted_at", "drafted_by",
            "approved_by", "evidence_ids", "evidence_sha256", "provenance_hash", "correction_note", "supersedes",
            "superseded_by");
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    @Inject
    RulingExport export;

    @GET
    @Path("/rulings")
    @Produces({ CSV, NDJSON })
    @RolesAllowed({ Role.AUDITOR_, Role.EDITOR_, Role.ADMIN_ })
    @APIResponse(responseCode = "200", description = "The rulings, streamed", content = {
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
                    example = "ruling_id,claim_id,claim_statement,version_number,status,verdict_key,...\r\n"),
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
                    description = "One JSON object per line, e.g. {\"rulingId\":12,\"claimId\":7,...}")) })
    @Operation(operationId = "exportRulings", summary = "Every published ruling version (corrections included) in a "
            + "publication-time window, as CSV or NDJSON, oldest first")
    public Response rulings(
            @Parameter(description = "csv or ndjson", example = "csv", schema = @Schema(type = SchemaType.STRING, enumeration = { "csv", "ndjson" }, defaultValue = "csv")) @QueryParam("format") String format,
            @Parameter(description = "Published at or after (date or instant, UTC)", example = "2026-01-01")
            @QueryParam("from") String from,
            @Parameter(description = "Published before this instant, or up to the end of this date (UTC)",
                    example = "2026-12-31") @QueryParam("to") String to) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("ndjson")) {
            throw ProblemException.unprocessable("format", "must be csv or ndjson");
        }
        Instant start = parse("from", from, false);
        Instant end = parse("to", to, true);
        if (!start.isBefore(end)) {
            throw ProblemException.unprocessable("to", "must be after 'from'");
        }
        boolean csv = f.equals("csv");
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (csv) {
                w.write(String.join(",", COLUMNS));
                w.write("\r\n");
            }
            export.stream(start, end, row -> {
                if (csv) {
                    writeCsv(w, row);
                } else {
                    w.write(MAPPER.writeValueAsString(json(row)));
                    w.write("\n");
                }
            });
            w.flush();
        };
        return Response.ok(body, csv ? CSV + "; charset=UTF-8" : NDJSON + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"rulings." + f + "\"")
                .header("Cache-Control", "no-store").build();
    }

    private static Instant parse(String field, String value, boolean upper) {
        if (value == null || value.isBlank()) {
            return upper ? Instant.parse("9999-12-31T00:00:00Z") : Instant.EPOCH;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (upper ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.unprocessable(field, "must be a date (2026-11-28) or an instant (2026-11-28T10:00:00Z)");
        }
    }

    private static void writeCsv(Writer w, RulingExport.Row r) throws java.io.IOException {
        Object[] cells = { r.rulingId(), r.claimId(), r.claimStatement(), r.versionNumber(), r.status(),
                r.verdictKey(), r.verdictLabel(), r.ratingValue(), r.scaleVersion(), r.publishedAt(), r.draftedAt(),
                r.draftedBy(), r.approvedBy(), join(r.evidenceIds()), join(r.evidenceSha256()), r.provenanceHash(),
                r.correctionNote(), r.supersedes(), r.supersededBy() };
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvCell(cells[i]));
        }
        w.write("\r\n");
    }

    /** RFC 4180: quote a cell holding a comma, quote, CR or LF, doubling inner quotes; null is an empty cell. */
    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static Map<String, Object> json(RulingExport.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rulingId", r.rulingId());
        m.put("claimId", r.claimId());
        m.put("claimStatement", r.claimStatement());
        m.put("versionNumber", r.versionNumber());
        m.put("status", r.status());
        m.put("verdict", r.verdictKey());
        m.put("verdictLabel", r.verdictLabel());
        m.put("ratingValue", r.ratingValue());
        m.put("scaleVersion", r.scaleVersion());
        m.put("publishedAt", str(r.publishedAt()));
        m.put("draftedAt", str(r.draftedAt()));
        m.put("draftedBy", r.draftedBy());
        m.put("approvedBy", r.approvedBy());
        m.put("evidenceIds", r.evidenceIds());
        m.put("evidenceSha256", r.evidenceSha256());
        m.put("provenanceHash", r.provenanceHash());
        m.put("correctionNote", r.correctionNote());
        m.put("supersedes", r.supersedes());
        m.put("supersededBy", r.supersededBy());
        return m;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
