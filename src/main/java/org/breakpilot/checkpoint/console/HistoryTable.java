package org.breakpilot.checkpoint.console;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/** The rows of the checkpoints table: id, name, time, duration, outcome; newest first. */
final class HistoryTable extends AbstractTableModel {

    /** Times in the console's own zone, to the millisecond. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final String[] COLUMNS = {"Id", "Name", "Time", "Duration", "Outcome"};

    private final List<CheckpointMark> rows = new ArrayList<>();

    /** Shows {@code marks}, given oldest first. */
    void show(List<CheckpointMark> marks) {
        rows.clear();
        marks.forEach(mark -> rows.add(0, mark));
        fireTableDataChanged();
    }

    CheckpointMark at(int row) {
        return rows.get(row);
    }

    int indexOf(String id) {
        for (int row = 0; row < rows.size(); row++) {
            if (rows.get(row).id().equals(id)) {
                return row;
            }
        }
        return -1;
    }

    /** How many checkpoints after {@code mark} the table shows. */
    long shownAfter(CheckpointMark mark) {
        return rows.stream().filter(row -> row.sequence() > mark.sequence()).count();
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        CheckpointMark mark = rows.get(row);
        return switch (column) {
            case 0 -> mark.id();
            case 1 -> mark.name();
            case 2 -> TIME.format(mark.timestamp());
            case 3 -> mark.durationText();
            default -> mark.outcome();
        };
    }
}
