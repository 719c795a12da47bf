package dev.sandboxagent.bench;

import java.nio.file.Path;
import java.util.Map;

import static dev.sandboxagent.bench.Metric.format;

/** The results as a Markdown table: min / median / max of each metric next to its target. */
final class Report {

    private Report() {
    }

    /**
     * Our figures, each variant's and the distribution's, and side by side with those of the
     * distribution and of the other daemon at {@code otherPath}.
     */
    static void print(Map<String, Metric> ours, Map<String, Map<String, Metric>> variants, Map<String, Metric> dist,
                      Map<String, Metric> other, Path otherPath) {
        System.out.println("| measurement | unit | min | median | max | n | target | |");
        System.out.println("|---|---|---:|---:|---:|---:|---|---|");
        for (Metric m : ours.values()) {
            row(m, m.label);
        }
        for (Map.Entry<String, Map<String, Metric>> v : variants.entrySet()) {
            for (Metric m : v.getValue().values()) {
                row(m, m.label + " — variant " + v.getKey());
            }
        }
        for (Metric m : dist.values()) {
            row(m, m.label + " — distribution");
        }
        if (!other.isEmpty() || !dist.isEmpty()) {
            System.out.println();
            System.out.println("Side by side (median; min–max): the Maven-built launcher, the self-contained distribution"
                    + (otherPath != null ? ", " + otherPath : "") + ":");
            System.out.println();
            System.out.println("| measurement | unit | launcher | distribution | other |");
            System.out.println("|---|---|---:|---:|---:|");
            for (Map.Entry<String, Metric> e : ours.entrySet()) {
                if (dist.containsKey(e.getKey()) || other.containsKey(e.getKey())) {
                    System.out.println("| " + e.getValue().label + " | " + e.getValue().unit + " | " + brief(e.getValue())
                            + " | " + briefOf(dist, e.getKey()) + " | " + briefOf(other, e.getKey()) + " |");
                }
            }
        }
    }

    private static void row(Metric m, String label) {
        Stats.Summary s = Stats.summary(m.samples);
        System.out.println("| " + label + " | " + m.unit + " | " + format(s.min()) + " | " + format(s.median()) + " | "
                + format(s.max()) + " | " + s.n() + " | " + m.targetText() + " | " + m.verdict() + " |");
    }

    private static String briefOf(Map<String, Metric> in, String key) {
        return in.containsKey(key) ? brief(in.get(key)) : "–";
    }

    private static String brief(Metric m) {
        Stats.Summary s = Stats.summary(m.samples);
        return format(s.median()) + " (" + format(s.min()) + "–" + format(s.max()) + ")";
    }
}
