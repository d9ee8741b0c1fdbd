package org.breakpilot.checkpoint.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.breakpilot.checkpoint.json.Redaction;

/**
 * Reads a method's {@link MethodFacts} from its description, by annotation names rather than classes,
 * so any copy of our annotations, or an application's own, works without being loaded.
 */
final class MethodFactsReader {

    static final String CHECKPOINT = "org.breakpilot.checkpoint.api.Checkpoint";
    private static final String SESSION_ID = "org.breakpilot.checkpoint.api.SessionId";
    private static final String REDACT = "org.breakpilot.checkpoint.api.Redact";

    private final List<String> annotationNames;
    private final Redaction redaction;

    MethodFactsReader(List<String> annotationNames, Redaction redaction) {
        this.annotationNames = annotationNames;
        this.redaction = redaction;
    }

    /** The marking annotation on the method, else on its type for a public method, else null. */
    AnnotationDescription marking(TypeDescription type, MethodDescription method) {
        AnnotationDescription onMethod = find(method.getDeclaredAnnotations());
        if (onMethod != null || !method.isPublic()) {
            return onMethod;
        }
        return find(type.getDeclaredAnnotations());
    }

    /** The facts of {@code method}, marked by {@code annotation} (null when selected by {@code methods=}). */
    MethodFacts read(TypeDescription type, MethodDescription method, AnnotationDescription annotation) {
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
        String when = enumValue(annotation, "when", "EXIT");
        String name = stringValue(annotation, "value", "");
        return new MethodFacts(type.getName(), method.getName(),
                name.isEmpty() ? simpleName(type) + "." + method.getName() : name,
                names, redacted, sessionParameter,
                booleanValue(annotation, "args", true),
                (booleanValue(annotation, "result", true) || booleanValue(annotation, "replay", false))
                        && !method.getReturnType().represents(void.class),
                !when.equals("EXIT"), !when.equals("ENTRY"), metadata(annotation),
                booleanValue(annotation, "replay", false), method.getDescriptor());
    }

    private AnnotationDescription find(AnnotationList annotations) {
        for (AnnotationDescription annotation : annotations) {
            String name = annotation.getAnnotationType().getName();
            if (name.equals(CHECKPOINT) || annotationNames.contains(name)) {
                return annotation;
            }
        }
        return null;
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

    private static String stringValue(AnnotationDescription annotation, String attribute, String fallback) {
        if (!declares(annotation, attribute)) {
            return fallback;
        }
        Object value = annotation.getValue(attribute).resolve();
        return value instanceof String text ? text : fallback;
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
