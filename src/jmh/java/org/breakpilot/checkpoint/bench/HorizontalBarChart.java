package org.breakpilot.checkpoint.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of labelled horizontal bars, top to bottom in the order given. XChart 3.8 draws bars only
 * vertically, so each bar here is a thick line on an XY chart, one Y step per bar, and the labels are
 * the Y axis's tick labels; that keeps long benchmark names readable and allows a log-scale value axis.
 */
final class HorizontalBarChart {

    /** Beyond this many decades between the smallest and the largest value, a linear axis hides the small bars. */
    private static final double LINEAR_DECADES = 2;

    private static final int WIDTH = 1000;
    private static final int HEIGHT_PER_BAR = 40;
    private static final int HEIGHT_AROUND_BARS = 100;
    private static final float BAR_THICKNESS = 24;
    private static final Color BAR_COLOR = new Color(0x4C72B0);

    /**
     * One bar.
     *
     * @param label what the Y axis shows beside it
     * @param value its length; must be positive
     */
    record Bar(String label, double value) {
    }

    private HorizontalBarChart() {
    }

    /** Writes the chart of {@code bars} to {@code png}; bars must not be empty. */
    static void write(Path png, String title, String valueAxisTitle, List<Bar> bars) throws IOException {
        int count = bars.size();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT_AROUND_BARS + HEIGHT_PER_BAR * count)
                .title(title).xAxisTitle(valueAxisTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(count + 1.0);
        // Ticks fall on the Y values of the data when those are equally spaced, here 0, 1, …, count + 1;
        // the two ends get distinct blanks because XChart thins out labels that repeat.
        styler.setyAxisTickLabelsFormattingFunction(y -> {
            long step = Math.round(y);
            return step >= 1 && step <= count ? bars.get((int) (count - step)).label() : " ".repeat(step < 1 ? 1 : 2);
        });

        double smallest = bars.stream().mapToDouble(Bar::value).min().orElseThrow();
        double largest = bars.stream().mapToDouble(Bar::value).max().orElseThrow();
        double start = 0;
        if (Math.log10(largest / smallest) > LINEAR_DECADES) {
            // A log axis has no zero: bars start at the decade below the smallest value, strictly
            // below so that a bar of exactly 1× still shows.
            start = Math.pow(10, Math.ceil(Math.log10(smallest)) - 1);
            styler.setXAxisLogarithmic(true);
            styler.setXAxisMin(start);
            styler.setXAxisMax(Math.pow(10, Math.ceil(Math.log10(largest))));
        } else {
            styler.setXAxisMin(0.0);
        }

        // Bottom bar first: XChart spaces ticks evenly only when the Y values come in ascending order.
        for (int step = 1; step <= count; step++) {
            Bar bar = bars.get(count - step);
            XYSeries series = chart.addSeries("bar " + step, new double[] {start, bar.value()}, new double[] {step, step});
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(BAR_COLOR);
            series.setLineStyle(new BasicStroke(BAR_THICKNESS, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        }
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
