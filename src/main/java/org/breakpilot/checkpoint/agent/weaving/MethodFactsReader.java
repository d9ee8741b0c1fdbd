package org.breakpilot.checkpoint.agent.weaving;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.breakpilot.checkpoint.agent.options.MarkingAnnotation;
import org.breakpilot.checkpoint.agent.options.MarkingOptions;
import org.breakpilot.checkpoint.capture.Redaction;

/**
 * Reads a method's {@link MethodFacts} from its description, by annotation names rather than classes,
 * so any copy of our annotations, or an application's own, works without being loaded.
 */
public final class MethodFactsReader {

    public static final String CHECKPOINT = "org.breakpilot.checkpoint.api.Checkpoint";
    private static final String SESSION_ID = "org.breakpilot.checkpoint.api.SessionId";
    private static final String REDACT = "org.breakpilot.checkpoint.api.Redact";
    /** The annotations of our api that the reader resolves on every marked class. */
    static final List<String> OUR_ANNOTATIONS = List.of(CHECKPOINT, SESSION_ID, REDACT);

    private final MarkingOptions marking;
    private final Redaction redaction;

    public MethodFactsReader(MarkingOptions marking, Redaction redaction) {
        this.marking = marking;
        this.redaction = redaction;
    }

    /**
     * One annotation that marks a method: on it (depth 0), or carried by an annotation on it, at any
     * depth, as a composed annotation carries it.
     *
     * @param annotation the marking annotation, with its own attribute values
     * @param foreign    how {@code annotations=} or {@code replayAnnotations=} names it; null for {@code @Checkpoint}
     * @param replay     whether {@code replayAnnotations=} names it
     * @param depth      0 on the method (or type), 1 on an annotation there, and so on
     */
    record Mark(AnnotationDescription annotation, MarkingAnnotation foreign, boolean replay, int depth) {
    }

    /** The marks on the method, else on its type for a public method; empty when no annotation marks it. */
    List<Mark> marks(TypeDescription type, MethodDescription method) {
        List<Mark> onMethod = marks(method.getDeclaredAnnotations());
        if (!onMethod.isEmpty() || !method.isPublic()) {
            return onMethod;
        }
        return marks(type.getDeclaredAnnotations());
    }

    /**
     * The facts of {@code method}, marked by {@code marks} and by {@code methods=} or
     * {@code replayMethods=} as {@code selection} says. {@code @Checkpoint}'s attributes win over a
     * foreign annotation's, a direct annotation's over a composed one's; a foreign annotation names the
     * checkpoint only through its option's {@code [attribute]}; any replay marking makes a replay step.
     */
    MethodFacts read(TypeDescription type, MethodDescription method, List<Mark> marks,
                     MarkingOptions.Selection selection) {
        int count = method.getParameters().size();
        String[] names = new String[count];
        boolean[] redacted = new boolean[count];
        int sessionParameter = -1;
        for (ParameterDescription parameter : method.getParameters()) {
            int index = parameter.getIndex();
            names[index] = parameter.isNamed() ? parameter.getName() : "arg" + index;
            redacted[index] = has(parameter.getDeclaredAnnotations(), REDACT) || redaction.isSecret(names[index]);
            if (sessionParameter < 0 && has(parameter.getDeclaredAnnotations(), SESSION_ID)) {
                sessionParameter = index;
            }
        }
        Mark checkpoint = shallowest(marks, true);
        Mark attributesFrom = checkpoint != null ? checkpoint : shallowest(marks, false);
        AnnotationDescription annotation = attributesFrom == null ? null : attributesFrom.annotation();
        boolean replay = selection == MarkingOptions.Selection.REPLAYED;
        for (Mark mark : marks) {
            replay |= mark.replay() || booleanValue(mark.annotation(), "replay", false);
        }
        String when = enumValue(annotation, "when", "EXIT");
        String name = checkpointName(checkpoint, marks);
        return new MethodFacts(type.getName(), method.getName(),
                name.isEmpty() ? simpleName(type) + "." + method.getName() : name,
                names, redacted, sessionParameter,
                booleanValue(annotation, "args", true),
                (booleanValue(annotation, "result", true) || replay) && !method.getReturnType().represents(void.class),
                !when.equals("EXIT"), !when.equals("ENTRY"), metadata(annotation), replay, method.getDescriptor());
    }

    /** {@code @Checkpoint}'s non-empty value, else the shallowest foreign mark's named attribute, else empty. */
    private static String checkpointName(Mark checkpoint, List<Mark> marks) {
        String named = checkpoint == null ? "" : firstString(checkpoint.annotation(), "value");
        int namedDepth = named.isEmpty() ? Integer.MAX_VALUE : -1;
        for (Mark mark : marks) {
            if (mark.depth() < namedDepth && mark.foreign() != null && mark.foreign().nameAttribute() != null) {
                String value = firstString(mark.annotation(), mark.foreign().nameAttribute());
                if (!value.isEmpty()) {
                    named = value;
                    namedDepth = mark.depth();
                }
            }
        }
        return named;
    }

    /** The first of the shallowest marks that are {@code @Checkpoint} (or, with false, of any kind); null if none. */
    private static Mark shallowest(List<Mark> marks, boolean checkpointOnly) {
        Mark found = null;
        for (Mark mark : marks) {
            if ((!checkpointOnly || mark.foreign() == null) && (found == null || mark.depth() < found.depth())) {
                found = mark;
            }
        }
        return found;
    }

    private List<Mark> marks(AnnotationList annotations) {
        List<Mark> marks = new ArrayList<>();
        collect(annotations, 0, new HashSet<>(), marks);
        return marks;
    }

    /** Adds the marks among {@code annotations}, and those their types carry, up to the depth limit, once per type. */
    private void collect(AnnotationList annotations, int depth, Set<String> followed, List<Mark> marks) {
        for (AnnotationDescription annotation : annotations) {
            TypeDescription annotationType = annotation.getAnnotationType();
            String name = annotationType.getName();
            int before = marks.size();
            if (name.equals(CHECKPOINT)) {
                marks.add(new Mark(annotation, null, false, depth));
            }
            addForeign(annotation, name, marking.annotations(), false, depth, marks);
            addForeign(annotation, name, marking.replayAnnotations(), true, depth, marks);
            boolean followable = depth < ComposedMarkers.MAX_DEPTH
                    && !CandidateGate.neverCandidate(name.replace('.', '/'));
            if (marks.size() == before && followable && followed.add(name)) {
                AnnotationList carried;
                try {
                    carried = annotationType.getDeclaredAnnotations();
                } catch (RuntimeException unresolvable) {
                    // An annotation type missing from the class path carries nothing we can see.
                    continue;
                }
                collect(carried, depth + 1, followed, marks);
            }
        }
    }

    private static void addForeign(AnnotationDescription annotation, String name, List<MarkingAnnotation> named,
                                   boolean replay, int depth, List<Mark> marks) {
        for (MarkingAnnotation foreign : named) {
            if (foreign.type().equals(name)) {
                marks.add(new Mark(annotation, foreign, replay, depth));
            }
        }
    }

    private static boolean has(AnnotationList annotations, String name) {
        for (AnnotationDescription annotation : annotations) {
            if (annotation.getAnnotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** An application's own annotation may lack our attributes; then the defaults apply. */
    private static boolean declares(AnnotationDescription annotation, String attribute) {
        return annotation != null
                && !annotation.getAnnotationType().getDeclaredMethods().filter(m -> m.getName().equals(attribute)).isEmpty();
    }

    /** A String attribute, or the first element of a String[] one (LangChain4j's {@code @Tool} has both); else empty. */
    private static String firstString(AnnotationDescription annotation, String attribute) {
        if (!declares(annotation, attribute)) {
            return "";
        }
        Object value = annotation.getValue(attribute).resolve();
        if (value instanceof String[] values) {
            return values.length > 0 ? values[0] : "";
        }
        return value instanceof String text ? text : "";
    }

    private static boolean booleanValue(AnnotationDescription annotation, String attribute, boolean fallback) {
        if (!declares(annotation, attribute)) {
            return fallback;
        }
        Object value = annotation.getValue(attribute).resolve();
        return value instanceof Boolean flag ? flag : fallback;
    }

    private static String enumValue(AnnotationDescription annotation, String attribute, String fallback) {
        if (!declares(annotation, attribute)) {
            return fallback;
        }
        Object value = annotation.getValue(attribute).resolve();
        return value instanceof EnumerationDescription constant ? constant.getValue() : fallback;
    }

    private static Map<String, String> metadata(AnnotationDescription annotation) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (!declares(annotation, "metadata")) {
            return metadata;
        }
        Object value = annotation.getValue("metadata").resolve();
        if (value instanceof String[] pairs) {
            for (String pair : pairs) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    metadata.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
                } else {
                    metadata.put(pair.strip(), "");
                }
            }
        }
        return metadata;
    }

    /** {@code Outer.Inner} for nested classes; the binary name's tail for anonymous and local ones. */
    private static String simpleName(TypeDescription type) {
        String simple = type.getSimpleName();
        if (simple != null && !simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
