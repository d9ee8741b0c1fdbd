package org.breakpilot.checkpoint.agent.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.breakpilot.checkpoint.CheckpointManager;
import org.breakpilot.checkpoint.RetentionPolicy;
import org.breakpilot.checkpoint.agent.bootstrap.Replayed;
import org.breakpilot.checkpoint.agent.weaving.MethodFacts;
import org.breakpilot.checkpoint.capture.Redaction;
import org.breakpilot.checkpoint.capture.CaptureLimits;
import org.breakpilot.checkpoint.capture.ValueCapture;
import org.breakpilot.checkpoint.store.JournalOptions;
import org.breakpilot.checkpoint.store.JournalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a replay step does with a journal's recorded field graph: rebuild it, or refuse it and run. */
class StepReplayerTest {

    private static final int METHOD_ID = 1;
    private static final MethodFacts FACTS = new MethodFacts(StepReplayerTest.class.getName(), "offer", "offer",
            new String[] {"city"}, new boolean[1], -1, true, true, false, true, Map.of(), true,
            "(Ljava/lang/String;)L" + Offer.class.getName().replace('.', '/') + ";");

    @TempDir
    Path dir;

    /** A result Jackson cannot build: a final field, no default constructor, no getter. */
    public static final class Offer {
        private final String hotel;

        Offer(String hotel) {
            this.hotel = hotel;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Offer offer && offer.hotel.equals(hotel);
        }

        @Override
        public int hashCode() {
            return hotel.hashCode();
        }
    }

    /** Named by a hand-edited journal: its initialiser must never run. */
    public static final class Loud {
        static {
            LoudWitness.initialised = true;
            System.out.println("Loud initialised");
        }

        private String hotel;
    }

    static final class LoudWitness {
        static volatile boolean initialised;
    }

    static Offer offer(String city) {
        return new Offer("Hotel " + city);
    }

    /** Records call 1 of {@code offer("Lisbon")} with {@code fields} as its result's graph; what replay makes of it. */
    private Replayed replayWith(Object fields) throws Exception {
        try (JournalStore store = JournalStore.open(JournalOptions.builder(dir).build())) {
            StepReplayer replayer = new StepReplayer(new SessionRegistry(RetentionPolicy.DEFAULT, store, null, manager -> { }), false, Redaction.defaults());
            CheckpointManager manager = new CheckpointManager("s", RetentionPolicy.DEFAULT, store.changeLog());
            String hash = replayer.hash(new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults())
                    .captureReplayArguments(new String[] {"city"}, new Object[] {"Lisbon"}, null));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("result", Map.of());
            data.put(StepReplayer.RESULT_FIELDS_KEY, fields);
            manager.create("offer", data, Map.of("outcome", "returned", "replayCall", 1L, "argsHash", hash,
                    StepReplayer.COMPLETE_KEY, true));
            return replayer.replay(METHOD_ID, FACTS, StepReplayerTest.class, "s", 1, hash);
        }
    }

    /** A result Jackson builds back: recorded as before, with no field graph. */
    public record Rate(String currency, long cents) {
    }

    static Rate rate(String city) {
        return new Rate("EUR", 9_900);
    }

    @Test
    void onlyAResultJacksonCannotBuildIsRecordedWithAFieldGraph() throws Exception {
        MethodFacts rateFacts = new MethodFacts(StepReplayerTest.class.getName(), "rate", "rate", new String[] {"city"},
                new boolean[1], -1, true, true, false, true, Map.of(), true,
                "(Ljava/lang/String;)L" + Rate.class.getName().replace('.', '/') + ";");
        try (JournalStore store = JournalStore.open(JournalOptions.builder(dir).build())) {
            StepReplayer replayer = new StepReplayer(new SessionRegistry(RetentionPolicy.DEFAULT, store, null, manager -> { }), false, Redaction.defaults());
            replayer.replay(METHOD_ID, FACTS, StepReplayerTest.class, "s", 1, "0");
            replayer.replay(2, rateFacts, StepReplayerTest.class, "s", 1, "0");

            StepReplayer.RecordedResult offer = replayer.recordedResult(METHOD_ID, offer("Lisbon"));
            StepReplayer.RecordedResult rate = replayer.recordedResult(2, rate("Lisbon"));

            assertEquals(Map.of("hotel", "Hotel Lisbon"), offer.fields());
            assertEquals(Map.of(), offer.captured(), "what Jackson sees of it is kept as the readable result");
            assertNull(rate.fields());
            assertEquals(Map.of("currency", "EUR", "cents", 9_900L), rate.captured());
        }
    }

    @Test
    void callsOfAStepThatStartInAnotherOrderThanRecordedEachReplayTheirOwnResultOnce() throws Exception {
        try (JournalStore store = JournalStore.open(JournalOptions.builder(dir).build())) {
            StepReplayer replayer = new StepReplayer(new SessionRegistry(RetentionPolicy.DEFAULT, store, null, manager -> { }), true, Redaction.defaults());
            CheckpointManager manager = new CheckpointManager("s", RetentionPolicy.DEFAULT, store.changeLog());
            ValueCapture capture = new ValueCapture(CaptureLimits.DEFAULT, Redaction.defaults());
            String lisbon = replayer.hash(capture.captureReplayArguments(new String[] {"city"}, new Object[] {"Lisbon"}, null));
            String porto = replayer.hash(capture.captureReplayArguments(new String[] {"city"}, new Object[] {"Porto"}, null));
            for (String[] call : new String[][] {{"1", lisbon, "Hotel Lisbon"}, {"2", porto, "Hotel Porto"}}) {
                manager.create("offer", Map.of("result", Map.of(), StepReplayer.RESULT_FIELDS_KEY, Map.of("hotel", call[2])),
                        Map.of("outcome", "returned", "replayCall", Long.parseLong(call[0]), "argsHash", call[1],
                                StepReplayer.COMPLETE_KEY, true));
            }

            // Porto starts first this time (call 1), then Lisbon (call 2), then Lisbon again (call 3).
            Replayed first = replayer.replay(METHOD_ID, FACTS, StepReplayerTest.class, "s", 1, porto);
            Replayed second = replayer.replay(METHOD_ID, FACTS, StepReplayerTest.class, "s", 2, lisbon);
            Replayed third = replayer.replay(METHOD_ID, FACTS, StepReplayerTest.class, "s", 3, lisbon);

            assertEquals(new Offer("Hotel Porto"), first.value);
            assertEquals(new Offer("Hotel Lisbon"), second.value);
            assertNull(third, "a recorded call stands for one call: the third runs");
        }
    }

    @Test
    void aRecordedFieldGraphOfTheDeclaredTypeReplaysWithoutTheBody() throws Exception {
        Replayed replayed = replayWith(Map.of("hotel", "Hotel Lisbon"));

        assertNotNull(replayed);
        assertEquals(new Offer("Hotel Lisbon"), replayed.value);
    }

    @Test
    void aJournalNamingProcessBuilderIsRefusedAndTheStepRuns() throws Exception {
        assertNull(replayWith(Map.of("@class", "java.lang.ProcessBuilder", "command", Map.of())));
    }

    @Test
    void aJournalNamingAnUnrelatedClassIsRefusedWithoutInitialisingItAndTheStepRuns() throws Exception {
        Replayed replayed = replayWith(Map.of("@class", Loud.class.getName(), "hotel", "x"));

        assertNull(replayed);
        assertFalse(LoudWitness.initialised, "the class only the journal named was initialised");
    }
}
