package org.breakpilot.checkpoint.console;

import java.util.List;
import javax.swing.table.AbstractTableModel;

/** A table of rows of one type under fixed column names; a subclass says what each cell shows. */
abstract class RowsModel<R> extends AbstractTableModel {

    private final String[] columns;
    private List<R> rows = List.of();

    RowsModel(String... columns) {
        this.columns = columns.clone();
    }

    /** Shows {@code shown}, in that order, instead of what was shown. */
    void rows(List<R> shown) {
        rows = List.copyOf(shown);
        fireTableDataChanged();
    }

    List<R> rows() {
        return rows;
    }

    R at(int row) {
        return rows.get(row);
    }

    /** What column {@code column} shows of {@code row}. */
    abstract Object cell(R row, int column);

    @Override
    public final int getRowCount() {
        return rows.size();
    }

    @Override
    public final int getColumnCount() {
        return columns.length;
    }

    @Override
    public final String getColumnName(int column) {
        return columns[column];
    }

    @Override
    public final Object getValueAt(int row, int column) {
        return cell(rows.get(row), column);
    }
}
