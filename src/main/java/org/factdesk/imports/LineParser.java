package org.factdesk.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.factdesk.common.JsonFieldPath;
import org.factdesk.claim.Priority;
import org.factdesk.common.ProblemException;
import org.factdesk.common.ProblemException.FieldError;
import org.factdesk.common.Text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns one record of the body into a claim line or the reason it is refused, under the rules of a submission: the
 * same fields, the same validation (the constraints on {@link ClaimLine}), the same text rule ({@link Text}). Problems
 * name the field and never echo what was sent, so a report cannot carry someone's mistake back verbatim.
 */
abstract class LineParser {

    /** What one record became. */
    sealed interface Parsed permits Good, Bad {
        long line();
    }

    /** A valid claim line. */
    record Good(long line, ClaimLine claim) implements Parsed {
    }

    /** A refused line and why. */
    record Bad(long line, String problem) implements Parsed {
    }

    private final Validator validator;

    LineParser(Validator validator) {
        this.validator = validator;
    }

    static LineParser ndjson(Validator validator) {
        return new Ndjson(validator);
    }

    /** A CSV parser for the columns the header names (422 when the header is not usable). */
    static LineParser csv(Validator validator, RecordSplitter.Raw header) {
        return new Csv(validator, header);
    }

    final Parsed parse(RecordSplitter.Raw raw, int maxBytes) {
        if (raw.tooLong()) {
            return new Bad(raw.line(), "the line is longer than " + maxBytes + " bytes");
        }
        String text;
        try {
            text = utf8(raw.bytes());
        } catch (CharacterCodingException e) {
            return new Bad(raw.line(), "not valid UTF-8");
        }
        return parse(raw.line(), text);
    }

    abstract Parsed parse(long line, String text);

    /** The line if it passes the text rule and the constraints; otherwise every refused field, in field order. */
    final Parsed checked(long line, ClaimLine claim, List<FieldError> known) {
        List<FieldError> errors = new ArrayList<>(known);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("statement", claim.statement());
        texts.put("claimant", claim.claimant());
        texts.put("sourceUrl", claim.sourceUrl());
        texts.put("language", claim.language());
        texts.put("externalId", claim.externalId());
        if (claim.tags() != null) {
            for (int i = 0; i < claim.tags().size(); i++) {
                texts.put("tags[" + i + "]", claim.tags().get(i));
            }
        }
        errors.addAll(Text.errors(texts));
        if (errors.isEmpty()) {
            for (ConstraintViolation<ClaimLine> v : validator.validate(claim)) {
                errors.add(new FieldError(field(v.getPropertyPath()), v.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            return new Good(line, claim);
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        StringBuilder problem = new StringBuilder();
        for (FieldError e : errors) {
            if (!problem.isEmpty()) {
                problem.append("; ");
            }
            problem.append(e.field()).append(": ").append(e.message());
        }
        return new Bad(line, problem.toString());
    }

    private static String field(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "line" : sb.toString();
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** One JSON object per line, mapped like a submission's body (unknown fields refused). */
    private static final class Ndjson extends LineParser {

        private static final ObjectReader READER = JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build().readerFor(ClaimLine.class);

        Ndjson(Validator validator) {
            super(validator);
        }

        @Override
        Parsed parse(long line, String text) {
            ClaimLine claim;
            try {
                claim = READER.readValue(text);
            } catch (JsonProcessingException e) {
                return new Bad(line, problem(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (claim == null) {
                return new Bad(line, "must be a JSON object");
            }
            return checked(line, claim, List.of());
        }

        private static String problem(JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException u) {
                String name = u.getPropertyName();
                return name != null && name.length() <= 100 && Text.acceptable(name)
                        ? "unknown field '" + name + "'; known: " + CSV_COLUMNS.values().stream().distinct().toList()
                        : "unknown field";
            }
            String path = e instanceof JsonMappingException m ? JsonFieldPath.of(m) : "";
            if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                return path + ": must be one of " + Arrays.toString(f.getTargetType().getEnumConstants());
            }
            if (e instanceof InvalidFormatException f && f.getTargetType() == LocalDate.class) {
                return path + ": must be a date (yyyy-mm-dd)";
            }
            if (e instanceof MismatchedInputException && !path.isEmpty()) {
                return path + ": has the wrong type";
            }
            if (e instanceof MismatchedInputException m && m.getOriginalMessage() != null
                    && m.getOriginalMessage().startsWith("Trailing token")) {
                return "more than one JSON value on the line";
            }
            if (e instanceof MismatchedInputException) {
                return "must be a JSON object";
            }
            return "not valid JSON";
        }

    }

    /** Column names a CSV header may use, folded (lower case, no _ - or space), and the field each one is. */
    static final Map<String, String> CSV_COLUMNS = columns();

    private static Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("statement", "claimant", "sourceUrl", "claimedAt", "language", "tags", "priority",
                "externalId")) {
            m.put(fold(f), f);
        }
        return m;
    }

    private static String fold(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /**
     * CSV lines with the columns of the header row, in any order, named as the JSON fields or in snake case
     * ({@code source_url}); empty cells are absent fields; {@code tags} are separated by semicolons.
     */
    private static final class Csv extends LineParser {

        private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        private final String[] fields;
        private final int width;

        Csv(Validator validator, RecordSplitter.Raw header) {
            super(validator);
            if (header == null) {
                throw header("the body has no header row (the first line names the columns: statement, claimant, ...)");
            }
            if (header.tooLong()) {
                throw header("the header row is too long");
            }
            String text;
            try {
                text = utf8(header.bytes());
            } catch (CharacterCodingException e) {
                throw header("the header row is not valid UTF-8");
            }
            List<String> names = cells(text);
            if (names == null) {
                throw header("the header row is not valid CSV");
            }
            fields = new String[names.size()];
            width = names.size();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String field = CSV_COLUMNS.get(fold(name));
                if (field == null) {
                    throw header("column " + (i + 1) + " is not a claim field; the columns are "
                            + CSV_COLUMNS.values() + " (or in snake case, source_url ...)");
                }
                if (seen.put(field, i) != null) {
                    throw header("column " + field + " appears twice");
                }
                fields[i] = field;
            }
            if (!seen.containsKey("statement")) {
                throw header("the header row names no statement column");
            }
        }

        private static ProblemException header(String message) {
            return ProblemException.unprocessable("header", message);
        }

        /** The cells of one record, or null when it is not one valid CSV record. */
        private static List<String> cells(String text) {
            try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
                List<CSVRecord> records = parser.getRecords();
                if (records.size() != 1) {
                    return null;
                }
                return records.get(0).toList();
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                return null;
            }
        }

        @Override
        Parsed parse(long line, String text) {
            List<String> cells = cells(text);
            if (cells == null) {
                return new Bad(line, "not valid CSV (check the quotes: a quoted field ends with a quote followed "
                        + "by a comma or the line's end, and a quote inside one is doubled)");
            }
            if (cells.size() != width) {
                return new Bad(line, "has " + cells.size() + " cells, the header has " + width);
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < width; i++) {
                String v = cells.get(i);
                values.put(fields[i], v == null || v.isEmpty() ? null : v);
            }
            List<FieldError> errors = new ArrayList<>();
            LocalDate claimedAt = null;
            if (values.get("claimedAt") != null) {
                try {
                    claimedAt = LocalDate.parse(values.get("claimedAt").strip());
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("claimedAt", "must be a date (yyyy-mm-dd)"));
                }
            }
            Priority priority = null;
            if (values.get("priority") != null) {
                try {
                    priority = Priority.valueOf(values.get("priority").strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("priority", "must be one of " + Arrays.toString(Priority.values())));
                }
            }
            List<String> tags = null;
            if (values.get("tags") != null) {
                tags = new ArrayList<>();
                for (String t : values.get("tags").split(";")) {
                    if (!t.isBlank()) {
                        tags.add(t.strip());
                    }
                }
            }
            ClaimLine claim = new ClaimLine(values.get("statement"), values.get("claimant"), values.get("sourceUrl"),
                    claimedAt, values.get("language"), tags, priority, values.get("externalId"));
            return checked(line, claim, errors);
        }
    }

    /** The claim fields a CSV header may name (for messages and documentation). */
    static Set<String> csvFields() {
        return Set.copyOf(CSV_COLUMNS.values());
    }
}
