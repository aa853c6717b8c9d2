package org.factdesk.common.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import org.factdesk.common.Text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Applies {@link Text} to every string of every JSON request body, at any depth ({@code tags[2]}, map values and
 * keys, untyped fields), so that no request record has to remember it. A refused string fails deserialisation with
 * {@link RefusedText}, which carries Jackson's path to the field; {@link ProblemMappers} answers it with a 422.
 */
@Singleton
public class JsonText implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("factdesk-text");
        module.addDeserializer(String.class, new CheckedString());
        module.addKeyDeserializer(String.class, new CheckedKey());
        mapper.registerModule(module);
    }

    /** Jackson's own string deserializer (with its coercions), followed by the text rule. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, StringDeserializer.instance.deserialize(p, ctxt));
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }
    }

    /** Object keys of maps bound to {@code Map<String, ?>}. */
    static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    private static String checked(JsonParser p, String value) throws RefusedText {
        String why = Text.problem(value);
        if (why != null) {
            throw new RefusedText(p, why);
        }
        return value;
    }

    /**
     * A JSON string refused by {@link Text}; Jackson adds the path to it as it unwinds. A
     * {@link MismatchedInputException}, because the REST layer's JSON reader passes those on to exception mappers
     * (other mapping failures it turns into a bare 400).
     */
    public static final class RefusedText extends MismatchedInputException {

        private final String reason;

        RefusedText(JsonParser parser, String reason) {
            super(parser, reason);
            this.reason = reason;
        }

        /** Why the string was refused (never the string itself). */
        public String reason() {
            return reason;
        }
    }
}
