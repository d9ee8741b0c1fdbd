package org.breakpilot.checkpoint.agent.options;

/**
 * An annotation, named in {@code annotations=} or {@code replayAnnotations=}, that marks methods for
 * recording.
 *
 * @param type          the annotation type's binary name, {@code dev.langchain4j.agent.tool.Tool}
 * @param nameAttribute the attribute whose non-empty value names the checkpoint ({@code Tool[name]}), or
 *                      null: without one, the annotation never names a checkpoint
 */
public record MarkingAnnotation(String type, String nameAttribute) {

    /** As written in the option: {@code type} or {@code type[nameAttribute]}. */
    String optionText() {
        return nameAttribute == null ? type : type + "[" + nameAttribute + "]";
    }
}
