package org.breakpilot.checkpoint.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers to three significant figures: more would claim a precision that a benchmark on a shared
 * machine does not have, fewer would hide differences of a few percent.
 */
final class SignificantFigures {

    private static final MathContext THREE = new MathContext(3);

    private SignificantFigures() {
    }

    /**
     * {@code 0.0123}, {@code 1.00}, {@code 27.4}, {@code 4,060,000}: trailing zeros kept, so that every
     * figure shows its precision, and thousands grouped; "–" for NaN or an infinity.
     */
    static String of(double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (value == 0) {
            return "0";
        }
        return format(new BigDecimal(value).round(THREE), decimals(value));
    }

    /**
     * A value and its error, such as {@code 2.50 ± 0.10}: the error rounded to the value's last
     * figure, since digits beyond it say nothing. Just the value when the error is not a number.
     */
    static String withError(double value, double error) {
        if (!Double.isFinite(value) || value == 0 || !Double.isFinite(error)) {
            return of(value);
        }
        int decimals = decimals(value);
        return of(value) + " ± " + format(new BigDecimal(error).setScale(decimals, RoundingMode.HALF_UP), decimals);
    }

    /** A ratio such as {@code 27.4×}; "–" for NaN. */
    static String ratio(double value) {
        return Double.isNaN(value) ? "–" : of(value) + "×";
    }

    /**
     * How many decimals three significant figures of {@code value} take: negative from 1,000 on, where
     * the last figure is tens, hundreds, and so on.
     */
    private static int decimals(double value) {
        BigDecimal rounded = new BigDecimal(value).round(THREE);
        return 2 - (rounded.precision() - rounded.scale() - 1);
    }

    /** {@code value} with {@code decimals} decimals, none if negative, and thousands grouped. */
    private static String format(BigDecimal value, int decimals) {
        return String.format(Locale.ROOT, "%,." + Math.max(0, decimals) + "f", value);
    }
}
