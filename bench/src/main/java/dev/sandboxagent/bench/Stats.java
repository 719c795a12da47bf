package dev.sandboxagent.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Summaries of repeated measurements. */
final class Stats {

    private Stats() {
    }

    /** Minimum, median and maximum of some samples. */
    record Summary(double min, double median, double max, int n) {
    }

    static Summary summary(List<Double> samples) {
        if (samples.isEmpty()) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> s = new ArrayList<>(samples);
        s.sort(null);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Summary(s.getFirst(), median, s.getLast(), n);
    }

    /** The nearest-rank {@code p}-th percentile (0 < p <= 100) of {@code values}, which it sorts. */
    static long percentile(long[] values, int count, double p) {
        if (count == 0) {
            return -1;
        }
        Arrays.sort(values, 0, count);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return values[Math.min(count, Math.max(1, rank)) - 1];
    }

    /** A growable array of longs (latencies in microseconds), cheap to append from one thread. */
    static final class Longs {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long get(int i) {
            return values[i];
        }

        void addAll(Longs other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        /** The nearest-rank percentile; sorts the values. */
        long percentile(double p) {
            return Stats.percentile(values, size, p);
        }

        long max() {
            long m = Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                m = Math.max(m, values[i]);
            }
            return m;
        }
    }
}
