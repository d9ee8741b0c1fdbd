package org.breakpilot.checkpoint;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A summary of a manager's retained checkpoints at one moment.
 *
 * @param totalCount      how many checkpoints are retained
 * @param uniqueNames     how many distinct names they have
 * @param names           per name, how many are retained, in order of first appearance (unmodifiable)
 * @param firstCheckpoint the oldest retained checkpoint, {@code null} when there is none
 * @param lastCheckpoint  the newest retained checkpoint, {@code null} when there is none
 * @param durationSeconds seconds from the first checkpoint's timestamp to the last's, 0 when empty
 */
public record CheckpointSummary(int totalCount, int uniqueNames, Map<String, Integer> names,
                                Checkpoint firstCheckpoint, Checkpoint lastCheckpoint,
                                double durationSeconds) {

    /** Copies {@code names} into an unmodifiable map that keeps its order. */
    public CheckpointSummary {
        names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    /** Summarizes {@code checkpoints}, oldest first. */
    static CheckpointSummary of(List<Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            return new CheckpointSummary(0, 0, Map.of(), null, null, 0);
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        for (Checkpoint checkpoint : checkpoints) {
            names.merge(checkpoint.name(), 1, Integer::sum);
        }
        Checkpoint first = checkpoints.get(0);
        Checkpoint last = checkpoints.get(checkpoints.size() - 1);
        Duration duration = Duration.between(first.timestamp(), last.timestamp());
        double seconds = duration.getSeconds() + duration.getNano() / 1e9;
        return new CheckpointSummary(checkpoints.size(), names.size(), names, first, last, seconds);
    }

    /**
     * This summary as JSON with the reference's keys: {@code total_count}, {@code unique_names},
     * {@code names}, {@code first_checkpoint}, {@code last_checkpoint} (checkpoints in the interchange
     * form, or {@code null}) and {@code duration_seconds}.
     */
    public String toJson() {
        return InterchangeJson.writeSummary(this);
    }
}
