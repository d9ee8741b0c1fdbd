package org.breakpilot.checkpoint.agent.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;
import org.breakpilot.checkpoint.agent.options.MarkingAnnotation;
import org.breakpilot.checkpoint.agent.options.MarkingOptions;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.testhost.MarkingHost;
import org.breakpilot.testhost.ReplayMarkingHost;
import org.junit.jupiter.api.Test;

/** Which facts a method gets from the annotations and selectors that mark it. */
class MethodFactsReaderTest {

    private static final String HOST = MarkingHost.class.getName();
    private static final String REPLAY_HOST = ReplayMarkingHost.class.getName();

    private final MarkingOptions marking = new MarkingOptions(
            List.of(new MarkingAnnotation(HOST + "$Other", null), new MarkingAnnotation(HOST + "$Async", null),
                    new MarkingAnnotation(HOST + "$Tool", "name"), new MarkingAnnotation(HOST + "$Labels", "value")),
            List.of(new MarkingAnnotation(REPLAY_HOST + "$Tool", "name")), Map.of(), Map.of());
    private final MethodFactsReader reader = new MethodFactsReader(marking, Redaction.of(Redaction.DEFAULT_FRAGMENTS));

    @Test
    void checkpointAttributesWinOverAForeignAnnotationInEitherOrder() {
        for (String method : List.of("otherFirst", "checkpointFirst")) {
            MethodFacts facts = facts(MarkingHost.class, method, MarkingOptions.Selection.NONE);

            assertFalse(facts.captureArguments(), method);
            assertEquals(Map.of("team", "core"), facts.metadata(), method);
            assertEquals(method.equals("otherFirst") ? "named.a" : "named.b", facts.checkpointName());
        }
        assertFalse(facts(MarkingHost.class, "otherFirst", MarkingOptions.Selection.RECORDED).captureResult(),
                "methods= adds nothing to @Checkpoint(result = false)");
    }

    @Test
    void aForeignAnnotationNamesACheckpointOnlyThroughTheAttributeTheOptionNames() {
        assertEquals("MarkingHost.sendMail", facts(MarkingHost.class, "sendMail", MarkingOptions.Selection.NONE)
                .checkpointName());
        assertEquals("book_hotel", facts(MarkingHost.class, "bookHotel", MarkingOptions.Selection.NONE).checkpointName());
        assertEquals("MarkingHost.findFlights", facts(MarkingHost.class, "findFlights", MarkingOptions.Selection.NONE)
                .checkpointName(), "Tool[name] reads name, never value");
        assertEquals("labelled.first", facts(MarkingHost.class, "labelled", MarkingOptions.Selection.NONE)
                .checkpointName(), "a String[] attribute names by its first element");
    }

    @Test
    void composedAnnotationsMarkWithTheAttributesOfWhatTheyCarryAndADirectCheckpointWins() {
        Class<?> payments = paymentsClass();
        for (String method : List.of("charge", "refund")) {
            MethodFacts facts = facts(payments, method, MarkingOptions.Selection.NONE);
            assertFalse(facts.captureArguments(), method);
            assertEquals(Map.of("kind", "payment"), facts.metadata(), method);
        }
        assertTrue(facts(payments, "notify", MarkingOptions.Selection.NONE).captureArguments());
        assertTrue(marks(payments, "looping").isEmpty(), "a cycle of annotations that carry no marker");
        MethodFacts capture = facts(MarkingHost.class, "capture", MarkingOptions.Selection.NONE);
        assertEquals("explicit.capture", capture.checkpointName());
        assertTrue(capture.captureArguments());
        assertEquals(Map.of(), capture.metadata());
    }

    @Test
    void anyReplayMarkingMakesAReplayStepThatRecordsItsResult() {
        MethodFacts tool = facts(ReplayMarkingHost.class, "bookHotel", MarkingOptions.Selection.NONE);
        assertTrue(tool.replay() && tool.captureResult());
        assertEquals("book_hotel", tool.checkpointName());

        MethodFacts audit = facts(ReplayMarkingHost.class, "audit", MarkingOptions.Selection.REPLAYED);
        assertTrue(audit.replay() && audit.captureResult(), "replayMethods= over @Checkpoint(replay = false)");
        assertEquals("audit", audit.checkpointName());

        assertFalse(facts(ReplayMarkingHost.class, "audit", MarkingOptions.Selection.RECORDED).replay());
        MethodFacts chat = facts(ReplayMarkingHost.ChatModel.class, "chat", MarkingOptions.Selection.REPLAYED);
        assertTrue(chat.replay() && chat.captureResult() && chat.captureArguments());
        assertEquals("ChatModel.chat", chat.checkpointName());
    }

    private static Class<?> paymentsClass() {
        for (Class<?> nested : MarkingHost.class.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Payments")) {
                return nested;
            }
        }
        throw new AssertionError("no MarkingHost.Payments");
    }

    private List<MethodFactsReader.Mark> marks(Class<?> type, String method) {
        TypeDescription description = TypeDescription.ForLoadedType.of(type);
        return reader.marks(description, method(description, method));
    }

    private MethodFacts facts(Class<?> type, String method, MarkingOptions.Selection selection) {
        TypeDescription description = TypeDescription.ForLoadedType.of(type);
        MethodDescription found = method(description, method);
        return reader.read(description, found, reader.marks(description, found), selection);
    }

    private static MethodDescription method(TypeDescription type, String name) {
        return type.getDeclaredMethods().filter(ElementMatchers.named(name)).getOnly();
    }
}
