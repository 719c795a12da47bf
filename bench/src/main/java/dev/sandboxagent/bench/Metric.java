package dev.sandboxagent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One reported quantity: its samples, unit, and the target (when it has one). */
final class Metric {
    final String label;
    final String unit;
    final Double target;
    final boolean higherIsBetter;
    final List<Double> samples = new ArrayList<>();

    Metric(String label, String unit, Double target, boolean higherIsBetter) {
        this.label = label;
        this.unit = unit;
        this.target = target;
        this.higherIsBetter = higherIsBetter;
    }

    String targetText() {
        return target == null ? "" : (higherIsBetter ? "≥ " : "≤ ") + format(target);
    }

    String verdict() {
        if (target == null || samples.isEmpty()) {
            return "";
        }
        double m = Stats.summary(samples).median();
        boolean met = higherIsBetter ? m >= target : m <= target;
        if (met) {
            return "met";
        }
        double by = higherIsBetter ? (target - m) / target : (m - target) / target;
        return String.format(Locale.ROOT, "missed by %.0f%%", by * 100);
    }

    /** A figure for the tables: thousands separated, 3 significant digits below 1,000. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
