package org.breakpilot.checkpoint.agent.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.breakpilot.checkpoint.internal.ErrorValues;

/**
 * Parses the options that mark methods, {@code annotations=}, {@code replayAnnotations=},
 * {@code methods=} and {@code replayMethods=}, for {@link OptionParser}; its errors are one line naming
 * the option, the value and what is accepted.
 */
final class MarkingOptionParser {

    private static final Pattern JAVA_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*");
    private static final Pattern ATTRIBUTE_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");
    private static final Pattern BRACKETED = Pattern.compile("([^\\[\\]]+)\\[([^\\[\\]]*)]");

    private MarkingOptionParser() {
    }

    /** The four options from the raw key-value pairs; absent ones mark nothing. */
    static MarkingOptions parse(Map<String, String> raw) {
        return new MarkingOptions(annotations("annotations", raw.get("annotations")),
                annotations("replayAnnotations", raw.get("replayAnnotations")),
                methods("methods", raw.get("methods")), methods("replayMethods", raw.get("replayMethods")));
    }

    /** {@code com.acme.Step;dev.langchain4j.agent.tool.Tool[name]}: annotation names, each maybe with a naming attribute. */
    private static List<MarkingAnnotation> annotations(String key, String value) {
        if (value == null) {
            return List.of();
        }
        List<MarkingAnnotation> annotations = new ArrayList<>();
        for (String entry : value.split(";")) {
            String trimmed = entry.strip();
            if (trimmed.indexOf('[') < 0 && trimmed.indexOf(']') < 0) {
                annotations.add(new MarkingAnnotation(typeName(key, trimmed), null));
                continue;
            }
            Matcher matcher = BRACKETED.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("option " + key + " must look like com.acme.Step;"
                        + "dev.langchain4j.agent.tool.Tool[name], got " + ErrorValues.quoted(trimmed));
            }
            String type = typeName(key, matcher.group(1).strip());
            String attribute = matcher.group(2).strip();
            if (attribute.isEmpty()) {
                throw new IllegalArgumentException("option " + key + " names no attribute in [] for "
                        + ErrorValues.oneLine(type, ErrorValues.MAX_SHOWN) + " (name the attribute whose value names"
                        + " the checkpoint, or leave out the brackets)");
            }
            if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
                throw new IllegalArgumentException("option " + key + " must name an annotation attribute in [], got "
                        + ErrorValues.quoted(attribute) + " in " + ErrorValues.quoted(trimmed));
            }
            annotations.add(new MarkingAnnotation(type, attribute));
        }
        return annotations;
    }

    private static String typeName(String key, String name) {
        if (!JAVA_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("option " + key + " must be fully qualified class names separated"
                    + " by ';', got " + ErrorValues.quoted(name));
        }
        return name;
    }

    /** {@code com.acme.Pipeline[fetch,store];com.acme.Other[*]}: declaring type to method names. */
    private static Map<String, List<String>> methods(String key, String value) {
        if (value == null) {
            return Map.of();
        }
        Map<String, List<String>> selected = new LinkedHashMap<>();
        for (String selector : value.split(";")) {
            Matcher matcher = BRACKETED.matcher(selector.strip());
            if (!matcher.matches() || !JAVA_NAME.matcher(matcher.group(1).strip()).matches()) {
                throw new IllegalArgumentException("option " + key + " must look like com.acme.Pipeline[fetch,store];"
                        + "com.acme.Other[*], got " + ErrorValues.quoted(selector.strip()));
            }
            List<String> names = OptionParser.nonEmptyParts(matcher.group(2), ",");
            if (names.isEmpty()) {
                throw new IllegalArgumentException("option " + key + " names no method for "
                        + ErrorValues.oneLine(matcher.group(1).strip(), ErrorValues.MAX_SHOWN) + " (use [*] for all)");
            }
            selected.put(matcher.group(1).strip(), names);
        }
        return selected;
    }
}
