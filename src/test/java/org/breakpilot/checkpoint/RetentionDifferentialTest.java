package org.breakpilot.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of creates, imports, retention changes, rewinds and clears, applied to a manager and
 * to a model that recomputes compression and eviction over the whole list after every change, as the
 * reference does. The manager keeps its retention incrementally and its checkpoints as linked nodes
 * indexed by number; after every step both must hold the same checkpoints in the same order, and ids handed
 * out at any time must be found or not found alike.
 */
class RetentionDifferentialTest {

    private static final int SEEDS = 150;
    private static final int STEPS = 300;

    @Test
    void incrementalRetentionMatchesFullRecomputation() {
        for (int seed = 0; seed < SEEDS; seed++) {
            run(seed);
        }
    }

    private static void run(int seed) {
        Random random = new Random(seed);
        RetentionPolicy policy = randomPolicy(random);
        CheckpointManager manager = new CheckpointManager("s", policy);
        List<Checkpoint> model = new ArrayList<>();
        List<String> everyId = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            int operation = random.nextInt(100);
            String context = "seed " + seed + ", step " + step + ", policy " + policy;
            if (operation < 75) {
                Checkpoint created = manager.create("n" + random.nextInt(4), Map.of("step", step));
                model.add(created);
                everyId.add(created.id());
                applyRetention(model, policy);
            } else if (operation < 82) {
                policy = randomPolicy(random);
                manager.setRetention(policy);
                applyRetention(model, policy);
            } else if (operation < 88 && !model.isEmpty()) {
                String id = model.get(random.nextInt(model.size())).id();
                manager.rewindTo(id);
                model.subList(indexOf(model, id) + 1, model.size()).clear();
                applyRetention(model, policy);
            } else if (operation < 95) {
                List<Checkpoint> imported = imports(random, manager.lastIdNumber(), step);
                manager.importCheckpoints(imported);
                model.addAll(imported);
                imported.forEach(c -> everyId.add(c.id()));
                applyRetention(model, policy);
            } else if (operation < 97) {
                manager.clear();
                model.clear();
            } else {
                continue;
            }
            assertEquals(model, manager.getAll(), context);
            // The newest ids, and as many drawn from all ever handed out: found in the model or in neither.
            for (int i = 0; i < Math.min(12, everyId.size()); i++) {
                for (String id : List.of(everyId.get(everyId.size() - 1 - i), everyId.get(random.nextInt(everyId.size())))) {
                    assertEquals(find(model, id), manager.get(id), context + ", id " + id);
                }
            }
            assertEquals(model.isEmpty() ? Optional.empty() : Optional.of(model.get(model.size() - 1)),
                    manager.getLatest(), context);
        }
    }

    /**
     * Imports of the three kinds a node keeps: this session's ids numbered past the counter, ids of
     * another form (or with a leading zero) and timestamps finer than a microsecond.
     */
    private static List<Checkpoint> imports(Random random, long lastNumber, int step) {
        List<Checkpoint> imported = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String id = switch (random.nextInt(3)) {
                case 0 -> "s:" + (lastNumber + 1 + i);
                case 1 -> "other:" + step + "-" + i;
                default -> "s:0" + (lastNumber + 1 + i);
            };
            Instant timestamp = Instant.ofEpochSecond(1_700_000_000L + step, random.nextBoolean() ? 123_456_789 : 123_456_000);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("imported", i);
            imported.add(new Checkpoint(id, "n" + random.nextInt(4), timestamp, data, Map.of()));
        }
        return imported;
    }

    private static RetentionPolicy randomPolicy(Random random) {
        int maxCheckpoints = 1 + random.nextInt(30);
        return new RetentionPolicy(maxCheckpoints, 1 + random.nextInt(maxCheckpoints), random.nextInt(8));
    }

    /** The reference's retention over the whole list: compress past compressAfter, then evict the oldest but the first. */
    private static void applyRetention(List<Checkpoint> all, RetentionPolicy policy) {
        if (all.size() > policy.compressAfter()) {
            int recentFrom = Math.max(1, all.size() - policy.keepRecent());
            Map<String, Checkpoint> newestOfName = new LinkedHashMap<>();
            for (Checkpoint middle : all.subList(1, recentFrom)) {
                newestOfName.put(middle.name(), middle);
            }
            List<Checkpoint> compressed = new ArrayList<>();
            compressed.add(all.get(0));
            for (Checkpoint middle : all.subList(1, recentFrom)) {
                if (newestOfName.get(middle.name()) == middle) {
                    compressed.add(middle);
                }
            }
            compressed.addAll(all.subList(recentFrom, all.size()));
            all.clear();
            all.addAll(compressed);
        }
        while (all.size() > policy.maxCheckpoints()) {
            if (all.size() <= 2) {
                Checkpoint newest = all.get(all.size() - 1);
                all.clear();
                all.add(newest);
            } else {
                all.remove(1);
            }
        }
    }

    private static int indexOf(List<Checkpoint> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no " + id);
    }

    private static Optional<Checkpoint> find(List<Checkpoint> all, String id) {
        return all.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
