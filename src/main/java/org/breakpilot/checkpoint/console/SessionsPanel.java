package org.breakpilot.checkpoint.console;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;

/** The sessions with an MBean (id, checkpoints, last activity, state), filtered by a part of their id. */
final class SessionsPanel extends JPanel {

    private final SessionsModel model = new SessionsModel();
    private final JTable table = new JTable(model);
    private final TableRowSorter<SessionsModel> sorter = new TableRowSorter<>(model);
    private final JTextField filter = new JTextField(12);
    private final JLabel count = new JLabel();
    private Consumer<Optional<SessionRow>> onSelect = session -> { };
    private boolean refreshing;

    SessionsPanel() {
        super(new BorderLayout(4, 4));
        setBorder(BorderFactory.createTitledBorder("Sessions"));
        table.setName("sessions");
        filter.setName("sessionFilter");
        filter.setToolTipText("Shows the sessions whose id contains this text");
        table.setRowSorter(sorter);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getSelectionModel().addListSelectionListener(event -> {
            if (!event.getValueIsAdjusting() && !refreshing) {
                onSelect.accept(selected());
            }
        });
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent event) {
                applyFilter();
            }

            @Override
            public void removeUpdate(DocumentEvent event) {
                applyFilter();
            }

            @Override
            public void changedUpdate(DocumentEvent event) {
                applyFilter();
            }
        });
        JPanel top = new JPanel(new BorderLayout(4, 0));
        top.add(new JLabel("Filter:"), BorderLayout.WEST);
        top.add(filter, BorderLayout.CENTER);
        add(top, BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        add(count, BorderLayout.SOUTH);
        int[] widths = {150, 80, 170, 60};
        for (int column = 0; column < widths.length; column++) {
            table.getColumnModel().getColumn(column).setPreferredWidth(widths[column]);
        }
        setPreferredSize(new Dimension(480, 400));
        show(List.of(), Instant.now());
    }

    void onSelect(Consumer<Optional<SessionRow>> listener) {
        onSelect = listener;
    }

    /** Shows {@code sessions}, keeping the selected session selected while it is listed. */
    void show(List<SessionRow> sessions, Instant now) {
        Optional<String> kept = selected().map(SessionRow::session);
        refreshing = true;
        try {
            model.show(sessions, now);
            kept.flatMap(this::viewRowOf).ifPresent(row -> table.setRowSelectionInterval(row, row));
        } finally {
            refreshing = false;
        }
        updateCount();
        if (kept.isPresent() && selected().isEmpty()) {
            onSelect.accept(Optional.empty());
        }
    }

    Optional<SessionRow> selected() {
        int row = table.getSelectedRow();
        return row < 0 ? Optional.empty() : Optional.of(model.at(table.convertRowIndexToModel(row)));
    }

    /** The sessions the filter lets through, in the order shown. */
    List<String> shownSessions() {
        List<String> shown = new ArrayList<>();
        for (int row = 0; row < table.getRowCount(); row++) {
            shown.add(model.at(table.convertRowIndexToModel(row)).session());
        }
        return shown;
    }

    private Optional<Integer> viewRowOf(String session) {
        for (int row = 0; row < model.getRowCount(); row++) {
            if (model.at(row).session().equals(session)) {
                int view = table.convertRowIndexToView(row);
                return view < 0 ? Optional.empty() : Optional.of(view);
            }
        }
        return Optional.empty();
    }

    private void applyFilter() {
        String text = filter.getText().strip();
        sorter.setRowFilter(text.isEmpty() ? null : RowFilter.regexFilter("(?i)" + Pattern.quote(text), 0));
        updateCount();
    }

    private void updateCount() {
        int all = model.getRowCount();
        count.setText(table.getRowCount() == all ? all + " sessions" : table.getRowCount() + " of " + all + " sessions");
    }

    private static final class SessionsModel extends RowsModel<SessionRow> {

        private static final DateTimeFormatter LAST_ACTIVITY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneId.systemDefault());
        private Instant now = Instant.now();

        SessionsModel() {
            super("Session", "Checkpoints", "Last activity", "State");
        }

        /** Shows {@code sessions}, their state as of {@code asOf}. */
        void show(List<SessionRow> sessions, Instant asOf) {
            now = asOf;
            rows(sessions);
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return column == 1 ? Integer.class : String.class;
        }

        @Override
        Object cell(SessionRow session, int column) {
            return switch (column) {
                case 0 -> session.session();
                case 1 -> session.checkpoints();
                case 2 -> session.lastActivity() == null ? "" : LAST_ACTIVITY.format(session.lastActivity());
                default -> session.state(now);
            };
        }
    }
}
