package org.breakpilot.checkpoint.agent.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What marks methods for recording besides {@code @Checkpoint}: the options {@code annotations=},
 * {@code replayAnnotations=}, {@code methods=} and {@code replayMethods=}. What the two replay options
 * mark is also a replay step. Immutable; the maps keep the order the option gave.
 *
 * @param annotations       annotations that mark methods
 * @param replayAnnotations annotations that mark replay steps
 * @param methods           methods selected by declaring type and name, type to method names ({@code *}: all)
 * @param replayMethods     replay steps selected the same way
 */
public record MarkingOptions(List<MarkingAnnotation> annotations, List<MarkingAnnotation> replayAnnotations,
                             Map<String, List<String>> methods, Map<String, List<String>> replayMethods) {

    /** How {@code methods=} and {@code replayMethods=} select one method. */
    public enum Selection {
        /** Named by neither. */
        NONE,
        /** Named by {@code methods=} only: recorded. */
        RECORDED,
        /** Named by {@code replayMethods=}: recorded and a replay step. */
        REPLAYED
    }

    /** Copies the collections so the record stays immutable. */
    public MarkingOptions {
        annotations = List.copyOf(annotations);
        replayAnnotations = List.copyOf(replayAnnotations);
        methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        replayMethods = Collections.unmodifiableMap(new LinkedHashMap<>(replayMethods));
    }

    /** Whether {@code methodName} of the type {@code typeName} (binary name) is selected, and how. */
    public Selection selection(String typeName, String methodName) {
        if (selects(replayMethods.get(typeName), methodName)) {
            return Selection.REPLAYED;
        }
        return selects(methods.get(typeName), methodName) ? Selection.RECORDED : Selection.NONE;
    }

    /** Binary names of every annotation type the options name, replay ones included. */
    public List<String> annotationTypes() {
        // Loops rather than streams: the gate is built from this in premain.
        List<String> types = new ArrayList<>();
        for (MarkingAnnotation annotation : annotations) {
            types.add(annotation.type());
        }
        for (MarkingAnnotation annotation : replayAnnotations) {
            types.add(annotation.type());
        }
        return types;
    }

    /** Binary names of every type that {@code methods=} or {@code replayMethods=} names. */
    public Set<String> selectedTypes() {
        Set<String> types = new HashSet<>(methods.keySet());
        types.addAll(replayMethods.keySet());
        return types;
    }

    /** The four options as given (normalised), as JMX shows them. */
    Map<String, String> effective() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("annotations", annotationsText(annotations));
        shown.put("replayAnnotations", annotationsText(replayAnnotations));
        shown.put("methods", methodsText(methods));
        shown.put("replayMethods", methodsText(replayMethods));
        return shown;
    }

    private static boolean selects(List<String> names, String methodName) {
        return names != null && (names.contains("*") || names.contains(methodName));
    }

    private static String annotationsText(List<MarkingAnnotation> annotations) {
        List<String> texts = new ArrayList<>();
        for (MarkingAnnotation annotation : annotations) {
            texts.add(annotation.optionText());
        }
        return String.join(";", texts);
    }

    private static String methodsText(Map<String, List<String>> selected) {
        List<String> texts = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : selected.entrySet()) {
            texts.add(entry.getKey() + "[" + String.join(",", entry.getValue()) + "]");
        }
        return String.join(";", texts);
    }
}
