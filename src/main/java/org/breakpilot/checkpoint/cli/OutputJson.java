package org.breakpilot.checkpoint.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import org.breakpilot.checkpoint.jmx.CheckpointData;

/**
 * The JSON the CLI composes from what the target hands it, laid out as Python's {@code json.dumps}
 * lays it out (the reference's tools read our output). What the target wrote (a summary, a
 * checkpoint's data) goes in byte for byte, re-indented only.
 */
final class OutputJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** {@code json.dumps(..., indent=2)}. */
    private static final DefaultPrettyPrinter INDENTED = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator(""));

    /** {@code json.dumps(...)}: one line, {@code ", "} between entries and {@code ": "} after keys. */
    private static final DefaultPrettyPrinter ONE_LINE = new DefaultPrettyPrinter()
            .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance)
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator(""));

    private OutputJson() {
    }

    /**
     * An object of JSON documents by key, indented by two spaces, each document's lines one level
     * deeper below its key (a JSON string never holds a raw line break, so every line break is layout).
     */
    static String indentedObject(Map<String, String> documents) {
        return write(INDENTED, json -> {
            json.writeStartObject();
            for (Map.Entry<String, String> document : documents.entrySet()) {
                json.writeFieldName(document.getKey());
                json.writeRawValue(document.getValue().replace("\n", "\n  "));
            }
            json.writeEndObject();
        });
    }

    /** A checkpoint on one line, its data and metadata as the target wrote them. */
    static String line(CheckpointData checkpoint) {
        return write(ONE_LINE, json -> {
            json.writeStartObject();
            json.writeStringField("id", checkpoint.getId());
            json.writeStringField("name", checkpoint.getName());
            json.writeStringField("timestamp", checkpoint.getTimestamp());
            json.writeFieldName("data");
            json.writeRawValue(String.valueOf(checkpoint.getData()));
            json.writeFieldName("metadata");
            json.writeRawValue(String.valueOf(checkpoint.getMetadata()));
            json.writeEndObject();
        });
    }

    private interface Content {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private static String write(DefaultPrettyPrinter layout, Content content) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = MAPPER.createGenerator(text)) {
            json.setPrettyPrinter(layout.createInstance());
            content.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: a StringWriter does not fail", e);
        }
        return text.toString();
    }
}
