package org.breakpilot.checkpoint.console;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.JComponent;
import javax.swing.ToolTipManager;

/**
 * A session's checkpoints on a time axis: one lane per checkpoint name, each call a bar as long as it
 * took (at least a few pixels, so a quick call stays visible), green when it returned, red when it threw,
 * grey for a checkpoint with no duration. Clicking a mark selects it.
 */
final class TimelineView extends JComponent {

    static final Color RETURNED = new Color(0x2e7d32);
    static final Color THREW = new Color(0xc62828);
    static final Color INSTANT = new Color(0x757575);
    private static final int LANE_HEIGHT = 24;
    private static final int LABEL_WIDTH = 160;
    private static final int AXIS_HEIGHT = 20;
    private static final int MARGIN = 8;
    private static final int MIN_MARK_WIDTH = 3;

    private final List<CheckpointMark> marks = new ArrayList<>();
    private final Map<String, Integer> lanes = new LinkedHashMap<>();
    private Consumer<CheckpointMark> onSelect = mark -> { };
    private String selectedId;

    TimelineView() {
        setName("timeline");
        setBackground(Color.WHITE);
        setOpaque(true);
        ToolTipManager.sharedInstance().registerComponent(this);
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent event) {
                markAt(event.getX(), event.getY()).ifPresent(mark -> onSelect.accept(mark));
            }
        });
    }

    void onSelect(Consumer<CheckpointMark> listener) {
        onSelect = listener;
    }

    /** Shows {@code shown} (oldest first) instead of what was shown. */
    void show(List<CheckpointMark> shown) {
        marks.clear();
        lanes.clear();
        shown.forEach(this::addLane);
        marks.addAll(shown);
        changed();
    }

    void select(String id) {
        selectedId = id;
        repaint();
    }

    /** The lanes, top to bottom: the checkpoint names in the order they first appear. */
    List<String> lanes() {
        return List.copyOf(lanes.keySet());
    }

    /** The marks shown, oldest first. */
    List<CheckpointMark> marks() {
        return List.copyOf(marks);
    }

    /** Where {@code mark} is drawn, for the current size. */
    Rectangle bounds(CheckpointMark mark) {
        Instant first = first();
        long span = Math.max(1, Duration.between(first, last()).toNanos());
        int width = Math.max(1, getWidth() - LABEL_WIDTH - 2 * MARGIN);
        int x = LABEL_WIDTH + (int) (width * (double) Duration.between(first, mark.start()).toNanos() / span);
        int length = (int) (width * (double) Math.max(0, mark.durationNanos()) / span);
        int y = AXIS_HEIGHT + lanes.get(mark.name()) * LANE_HEIGHT + 4;
        return new Rectangle(x, y, Math.max(MIN_MARK_WIDTH, length), LANE_HEIGHT - 8);
    }

    /** What a mark is drawn in. */
    static Color colour(CheckpointMark mark) {
        if (mark.durationNanos() < 0) {
            return INSTANT;
        }
        return mark.threw() ? THREW : RETURNED;
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(LABEL_WIDTH + 400, AXIS_HEIGHT + Math.max(1, lanes.size()) * LANE_HEIGHT + MARGIN);
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        return markAt(event.getX(), event.getY()).map(mark -> mark.id() + " " + mark.name() + ": " + mark.outcome()
                + (mark.durationNanos() >= 0 ? " in " + mark.durationText() : "") + " at " + mark.timestamp()).orElse(null);
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            FontMetrics metrics = g.getFontMetrics();
            if (marks.isEmpty()) {
                g.setColor(Color.GRAY);
                g.drawString("No checkpoints to show: select a session.", MARGIN, AXIS_HEIGHT + metrics.getAscent());
                return;
            }
            paintAxis(g, metrics);
            for (Map.Entry<String, Integer> lane : lanes.entrySet()) {
                int y = AXIS_HEIGHT + lane.getValue() * LANE_HEIGHT;
                g.setColor(lane.getValue() % 2 == 0 ? new Color(0xf5f5f5) : Color.WHITE);
                g.fillRect(0, y, getWidth(), LANE_HEIGHT);
                g.setColor(Color.DARK_GRAY);
                g.drawString(clip(lane.getKey(), metrics), MARGIN, y + (LANE_HEIGHT + metrics.getAscent()) / 2 - 2);
            }
            for (CheckpointMark mark : marks) {
                Rectangle box = bounds(mark);
                g.setColor(colour(mark));
                g.fillRect(box.x, box.y, box.width, box.height);
                if (mark.id().equals(selectedId)) {
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(2));
                    g.drawRect(box.x - 2, box.y - 2, box.width + 3, box.height + 3);
                }
            }
        } finally {
            g.dispose();
        }
    }

    private void paintAxis(Graphics2D g, FontMetrics metrics) {
        g.setColor(Color.GRAY);
        g.drawLine(LABEL_WIDTH, AXIS_HEIGHT - 4, getWidth() - MARGIN, AXIS_HEIGHT - 4);
        g.drawString(HistoryTable.TIME.format(first()), LABEL_WIDTH, metrics.getAscent());
        String span = "+" + formatSpan(Duration.between(first(), last()));
        g.drawString(span, getWidth() - MARGIN - metrics.stringWidth(span), metrics.getAscent());
    }

    private static String formatSpan(Duration span) {
        return span.toMillis() >= 1000 ? String.format(Locale.ROOT, "%.1f s", span.toMillis() / 1000.0) : span.toMillis() + " ms";
    }

    private static String clip(String name, FontMetrics metrics) {
        String shown = name;
        while (shown.length() > 1 && metrics.stringWidth(shown) > LABEL_WIDTH - 2 * MARGIN) {
            shown = shown.substring(0, shown.length() - 2) + "…";
        }
        return shown;
    }

    private Optional<CheckpointMark> markAt(int x, int y) {
        for (int i = marks.size() - 1; i >= 0; i--) {
            Rectangle box = bounds(marks.get(i));
            box.grow(2, 2);
            if (box.contains(x, y)) {
                return Optional.of(marks.get(i));
            }
        }
        return Optional.empty();
    }

    private Instant first() {
        return marks.stream().map(CheckpointMark::start).min(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private Instant last() {
        return marks.stream().map(CheckpointMark::timestamp).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private void addLane(CheckpointMark mark) {
        lanes.putIfAbsent(mark.name(), lanes.size());
    }

    private void changed() {
        revalidate();
        repaint();
    }
}
