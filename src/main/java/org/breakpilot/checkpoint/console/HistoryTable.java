package org.breakpilot.checkpoint.console;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The rows of the checkpoints table: id, name, time, duration, outcome; newest first. */
final class HistoryTable extends RowsModel<CheckpointMark> {

    /** Times in the console's own zone, to the millisecond. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    HistoryTable() {
        super("Id", "Name", "Time", "Duration", "Outcome");
    }

    /** Shows {@code marks}, given oldest first. */
    void show(List<CheckpointMark> marks) {
        List<CheckpointMark> newestFirst = new ArrayList<>(marks);
        Collections.reverse(newestFirst);
        rows(newestFirst);
    }

    int indexOf(String id) {
        List<CheckpointMark> rows = rows();
        for (int row = 0; row < rows.size(); row++) {
            if (rows.get(row).id().equals(id)) {
                return row;
            }
        }
        return -1;
    }

    /** How many checkpoints after {@code mark} the table shows. */
    long shownAfter(CheckpointMark mark) {
        return rows().stream().filter(row -> row.sequence() > mark.sequence()).count();
    }

    @Override
    Object cell(CheckpointMark mark, int column) {
        return switch (column) {
            case 0 -> mark.id();
            case 1 -> mark.name();
            case 2 -> TIME.format(mark.timestamp());
            case 3 -> mark.durationText();
            default -> mark.outcome();
        };
    }
}
