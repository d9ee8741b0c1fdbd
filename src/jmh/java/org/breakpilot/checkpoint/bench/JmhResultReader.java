package org.breakpilot.checkpoint.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that JMH writes with {@code -rf json}. Every failure is an {@link IOException} whose
 * message names the file, the result and the field, so that the caller can print it as it is.
 */
final class JmhResultReader {

    /** The profiler metric with the bytes allocated per operation, as JMH 1.37 names it. */
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    /** Older JMH releases put a middle dot (U+00B7) before the names of profiler metrics. */
    private static final String OLD_ALLOCATION = "\u00b7" + ALLOCATION;

    private final ObjectMapper mapper = new ObjectMapper();

    /** Reads every result in {@code file}, in the file's order; a file without results is an error. */
    List<JmhResult> read(Path file) throws IOException {
        JsonNode root = parse(file);
        if (root.isMissingNode()) {
            throw new IOException(file + " is empty, not a JMH JSON result");
        }
        if (!root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result: expected an array of results, got "
                    + describe(root));
        }
        if (root.isEmpty()) {
            throw new IOException(file + " holds no benchmark results");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                results.add(result(root.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ", result " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    private JsonNode parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return mapper.readTree(in);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IOException(file + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException(file + " is not readable: access denied", e);
        } catch (IOException e) {
            throw new IOException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    private static JmhResult result(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object, got " + describe(node));
        }
        String benchmark = text(node, "benchmark");
        int dot = benchmark.lastIndexOf('.');
        if (dot <= 0 || dot == benchmark.length() - 1) {
            throw new IllegalArgumentException("benchmark must be <class>.<method>, got " + benchmark);
        }
        JsonNode primary = node.path("primaryMetric");
        JsonNode allocation = node.path("secondaryMetrics").path(ALLOCATION);
        if (allocation.isMissingNode()) {
            allocation = node.path("secondaryMetrics").path(OLD_ALLOCATION);
        }
        double bytesPerOp = allocation.isMissingNode() ? Double.NaN : number(allocation, "score", ALLOCATION + ".score");
        String vm = (node.path("vmName").asText("") + " " + node.path("jdkVersion").asText("")).strip();
        return new JmhResult(benchmark.substring(0, dot), benchmark.substring(dot + 1), params(node.path("params")),
                text(node, "mode"), number(primary, "score", "primaryMetric.score"),
                number(primary, "scoreError", "primaryMetric.scoreError"),
                text(primary, "scoreUnit", "primaryMetric.scoreUnit"), bytesPerOp, vm.isEmpty() ? "an unknown JVM" : vm);
    }

    private static Map<String, String> params(JsonNode node) {
        Map<String, String> params = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("params must be an object, got " + describe(node));
        }
        node.properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + " must be a string, got " + describe(value));
        }
        return value.asText();
    }

    /** A number, or one of the strings JMH writes for values JSON cannot hold: "NaN", "Infinity". */
    private static double number(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        String special = value.isTextual() ? value.asText() : "";
        return switch (special) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException(path + " must be a number, got " + describe(value));
        };
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
