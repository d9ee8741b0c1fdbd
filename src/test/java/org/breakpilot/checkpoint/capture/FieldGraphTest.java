package org.breakpilot.checkpoint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FieldGraphTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Final fields, no default constructor, accessors without {@code get}: Jackson can neither see nor build it. */
    public static final class Quote {
        private final String currency;
        private final long cents;
        private final List<Duration> legs;
        private final Map<String, Object> extras;
        private final Optional<Instant> validUntil;
        private final int[] seats;
        private final TimeUnit unit;

        public Quote(String currency, long cents, List<Duration> legs, Map<String, Object> extras,
                     Optional<Instant> validUntil, int[] seats, TimeUnit unit) {
            this.currency = currency;
            this.cents = cents;
            this.legs = legs;
            this.extras = extras;
            this.validUntil = validUntil;
            this.seats = seats;
            this.unit = unit;
        }

        public String currency() {
            return currency;
        }
    }

    /** Loaded by name only: its initialiser must never run. */
    public static final class Loud {
        static {
            LoudWitness.initialised = true;
        }

        private String name;
    }

    static final class LoudWitness {
        static volatile boolean initialised;
    }

    private static Object rebuiltThroughJson(Object value, Type slot) throws Exception {
        FieldGraph.Captured captured = FieldGraph.capture(value, slot, CaptureLimits.REPLAY, Redaction.defaults(),
                FieldGraph.Purpose.REBUILD);
        assertTrue(captured.complete(), () -> "incomplete: " + captured.graph());
        Object stored = JSON.readValue(JSON.writeValueAsString(captured.graph()), Object.class);
        return FieldGraphReader.rebuild(stored, slot, FieldGraphTest.class.getClassLoader());
    }

    private static ChatResponse toolCall() {
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(ToolExecutionRequest.builder().id("1").name("book_hotel")
                        .arguments("{\"city\":\"Lisbon\",\"nights\":2}").build()))
                .id("resp-7").modelName("fake-model")
                .finishReason(FinishReason.TOOL_EXECUTION).build();
    }

    @Test
    void aChatResponseWithAToolCallRebuildsEqualFromItsFieldGraph() throws Exception {
        ChatResponse original = toolCall();

        Object rebuilt = rebuiltThroughJson(original, ChatResponse.class);

        assertEquals(original, rebuilt);
        assertEquals(original.toString(), rebuilt.toString());
    }

    @Test
    void anAiMessageOfTextRebuildsEqual() throws Exception {
        AiMessage original = AiMessage.from("It is sunny in Lisbon.");

        Object rebuilt = rebuiltThroughJson(original, AiMessage.class);

        assertEquals(original, rebuilt);
        assertEquals(original.toString(), rebuilt.toString());
    }

    @Test
    void aValueInASlotDeclaredAsItsInterfaceNamesItsClassAndRebuildsAsIt() throws Exception {
        List<ChatMessage> conversation = List.of(UserMessage.from("Weather?"), AiMessage.from("Sunny."));
        Type slot = FieldGraphTest.class.getDeclaredField("conversationSlot").getGenericType();

        Object rebuilt = rebuiltThroughJson(conversation, slot);

        assertEquals(conversation, rebuilt);
        assertEquals(AiMessage.class, ((List<?>) rebuilt).get(1).getClass());
    }

    @SuppressWarnings("unused")
    private List<ChatMessage> conversationSlot;

    @Test
    void jdkValuesInsideAnObjectRebuildWithTheirClasses() throws Exception {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("rate", 1.5);
        extras.put("count", 3);
        extras.put("big", Long.MAX_VALUE);
        extras.put("when", Instant.parse("2026-01-02T03:04:05.123456Z"));
        extras.put("sorted", new TreeMap<>(Map.of("b", 2, "a", 1)));
        Quote original = new Quote("EUR", 12_345L, List.of(Duration.ofMinutes(90)), extras,
                Optional.of(Instant.EPOCH), new int[] {4, 7}, TimeUnit.SECONDS);

        Quote rebuilt = (Quote) rebuiltThroughJson(original, Quote.class);

        assertEquals("EUR", rebuilt.currency);
        assertEquals(12_345L, rebuilt.cents);
        assertEquals(List.of(Duration.ofMinutes(90)), rebuilt.legs);
        assertEquals(extras, rebuilt.extras);
        assertEquals(TreeMap.class, rebuilt.extras.get("sorted").getClass());
        assertEquals(Long.class, rebuilt.extras.get("big").getClass());
        assertEquals(Optional.of(Instant.EPOCH), rebuilt.validUntil);
        assertEquals(List.of(4, 7), List.of(rebuilt.seats[0], rebuilt.seats[1]));
        assertEquals(TimeUnit.SECONDS, rebuilt.unit);
    }

    @Test
    void aSecretNamedFieldIsRedactedAndTheGraphIsIncomplete() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("apiToken", "tok_A");

        FieldGraph.Captured captured = FieldGraph.capture(new Quote("EUR", 1, List.of(), extras, Optional.empty(),
                new int[0], null), Quote.class, CaptureLimits.REPLAY, Redaction.defaults(), FieldGraph.Purpose.REBUILD);

        assertFalse(captured.complete());
        assertTrue(captured.sawSecret());
        assertFalse(captured.graph().toString().contains("tok_A"), captured.graph().toString());
    }

    @Test
    void aGraphNamingAClassOutsideTheSlotIsRefusedWithoutInitialisingIt() {
        Map<String, Object> loud = new LinkedHashMap<>(Map.of("@class", Loud.class.getName()));
        loud.put("name", "x");
        Map<String, Object> processBuilder = new LinkedHashMap<>(Map.of("@class", "java.lang.ProcessBuilder"));

        IllegalArgumentException refusedLoud = assertThrows(IllegalArgumentException.class,
                () -> FieldGraphReader.rebuild(loud, Quote.class, FieldGraphTest.class.getClassLoader()));
        IllegalArgumentException refusedInObjectSlot = assertThrows(IllegalArgumentException.class,
                () -> FieldGraphReader.rebuild(loud, Object.class, FieldGraphTest.class.getClassLoader()));
        assertThrows(IllegalArgumentException.class,
                () -> FieldGraphReader.rebuild(processBuilder, Quote.class, FieldGraphTest.class.getClassLoader()));
        assertThrows(IllegalArgumentException.class,
                () -> FieldGraphReader.rebuild(processBuilder, Object.class, FieldGraphTest.class.getClassLoader()));

        assertTrue(refusedLoud.getMessage().contains("refused"), refusedLoud.getMessage());
        assertTrue(refusedInObjectSlot.getMessage().contains("refused"), refusedInObjectSlot.getMessage());
        assertFalse(LoudWitness.initialised, "the class named only by the graph was initialised");
    }

    @Test
    void chatRequestsThatDifferOnlyInTheirMessagesCaptureAlikeButHashApart() {
        ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());
        ChatRequest lisbon = ChatRequest.builder().messages(new ArrayList<>(List.of(SystemMessage.from("Be brief."),
                UserMessage.from("Weather in Lisbon?")))).build();
        ChatRequest porto = ChatRequest.builder().messages(new ArrayList<>(List.of(SystemMessage.from("Be brief."),
                UserMessage.from("Weather in Porto?")))).build();
        String[] names = {"request"};

        ValueCapture.ReplayArguments first = capture.captureReplayArguments(names, new Object[] {lisbon}, null);
        ValueCapture.ReplayArguments second = capture.captureReplayArguments(names, new Object[] {porto}, null);

        assertEquals(capture.captureArguments(names, new Object[] {lisbon}, null), first.captured(),
                "what is recorded does not change");
        assertEquals(first.captured(), second.captured(), "the Jackson capture sees no difference");
        assertNotEquals(first.hidden(), second.hidden());
        assertFalse(first.secret());
    }

    @Test
    void chatRequestsThatListTheSameToolsInAnotherOrderHashAlikeButOtherToolsHashApart() {
        ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());
        ToolSpecification flight = ToolSpecification.builder().name("book_flight").description("Books a flight").build();
        ToolSpecification hotel = ToolSpecification.builder().name("book_hotel").description("Books a hotel").build();
        ToolSpecification car = ToolSpecification.builder().name("rent_car").description("Rents a car").build();
        String[] names = {"request"};

        Map<String, Object> flightFirst = capture.captureReplayArguments(names,
                new Object[] {requestWithTools(flight, hotel)}, null).hidden();
        Map<String, Object> hotelFirst = capture.captureReplayArguments(names,
                new Object[] {requestWithTools(hotel, flight)}, null).hidden();
        Map<String, Object> otherTools = capture.captureReplayArguments(names,
                new Object[] {requestWithTools(flight, car)}, null).hidden();

        assertEquals(flightFirst, hotelFirst, "reflection orders a tool class's methods differently in each run");
        assertNotEquals(flightFirst, otherTools);
    }

    private static ChatRequest requestWithTools(ToolSpecification... tools) {
        return ChatRequest.builder().messages(new ArrayList<>(List.of(UserMessage.from("Book a trip"))))
                .toolSpecifications(new ArrayList<>(List.of(tools))).build();
    }

    @Test
    void argumentsThatDifferOnlyPastTheStringLimitHashApart() {
        ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());
        String prompt = "x".repeat(CaptureLimits.DEFAULT.maxStringLength());

        ValueCapture.ReplayArguments a = capture.captureReplayArguments(new String[] {"prompt"},
                new Object[] {prompt + " in Lisbon?"}, null);
        ValueCapture.ReplayArguments b = capture.captureReplayArguments(new String[] {"prompt"},
                new Object[] {prompt + " in Madrid?"}, null);

        assertEquals(a.captured(), b.captured());
        assertNotEquals(a.hidden(), b.hidden());
        assertFalse(a.secret());
    }

    @Test
    void argumentsACaptureShowsWholeHaveNoHiddenPart() {
        ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());

        ValueCapture.ReplayArguments arguments = capture.captureReplayArguments(new String[] {"region", "totals"},
                new Object[] {"north", Map.of("mon", 3)}, null);

        assertTrue(arguments.hidden().isEmpty());
        assertFalse(arguments.secret());
    }

    @Test
    void aSecretArgumentIsHiddenWithItsRealValueAndMarkedSecret() {
        ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());

        ValueCapture.ReplayArguments a = capture.captureReplayArguments(new String[] {"account", "token"},
                new Object[] {"acct-1", "tok_A"}, null);
        ValueCapture.ReplayArguments b = capture.captureReplayArguments(new String[] {"account", "token"},
                new Object[] {"acct-1", "tok_B"}, null);

        assertEquals(a.captured(), b.captured());
        assertEquals("[redacted]", a.captured().get("token"));
        assertNotEquals(a.hidden(), b.hidden());
        assertTrue(a.secret());
    }
}
