package dev.sandboxagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run --metrics-ab}: what the daemon's metrics cost. Each round starts two fresh
 * daemons, one as shipped (metrics on) and one with {@code --no-metrics}, one after the other in
 * an order that alternates from round to round (so that a change of the machine's load hits both
 * alike), and measures on each (3) the mock turn round trip and (4) events/s from a Claude stub
 * process to one SSE client. Prints every round, then min / median / max of each side and the
 * ratio of the medians (on / off; the issue allows 5 %).
 */
final class MetricsOverhead {

    private static final String[] SIDES = {"metrics on", "--no-metrics"};

    private final Options options;
    private final Problems problems;
    private final Path tmp;
    // [side] -> samples
    private final List<List<Double>> p50 = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<List<Double>> p99 = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<List<Double>> events = List.of(new ArrayList<>(), new ArrayList<>());

    MetricsOverhead(Options options, Problems problems, Path tmp) {
        this.options = options;
        this.problems = problems;
        this.tmp = tmp;
    }

    void run(Map<String, String> env) throws Exception {
        ClaudeStub stub = ClaudeStub.create(tmp.resolve("claude-stub"), options.transcript, options.deltas());
        Map<String, String> withStub = new java.util.HashMap<>(env);
        withStub.put("PATH", stub.binDir() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        int rounds = options.rounds != null ? options.rounds : options.shortMode ? 2 : 6;
        System.out.println("metrics A/B: " + rounds + " rounds, each a fresh daemon per side, order alternating");
        for (int round = 1; round <= rounds; round++) {
            for (int k = 0; k < 2; k++) {
                int side = (round + k) % 2; // round 1: off first, round 2: on first, ...
                measure(side, round, withStub);
            }
        }
        System.out.println();
        System.out.println("| measurement | unit | metrics on: min / median / max | --no-metrics: min / median / max | on ÷ off (medians) |");
        System.out.println("|---|---|---:|---:|---:|");
        row("(3) mock turn round trip, p50", "ms", p50);
        row("(3) mock turn round trip, p99", "ms", p99);
        row("(4) events/s, claude stub → 1 SSE client", "events/s", events);
        System.out.println("(machine load during the run: see each round's line; on a loaded machine the spread"
                + " between rounds of one side can exceed the difference between the sides)");
    }

    private void measure(int side, int round, Map<String, String> env) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "ab");
        String[] extra = side == 1 ? new String[]{"--no-metrics"} : new String[0];
        try (DaemonProcess d = DaemonProcess.startOurs(options.launcher, dir, env, extra)) {
            Workloads.Latency l = Workloads.turnRoundTrip(d, "ab-rtt-" + round, options.warmupTurns(), options.turns(),
                    problems);
            Workloads.Throughput t = Workloads.processThroughput(d, "ab-proc-" + round, 1, options.measuredEventTurns(),
                    problems);
            p50.get(side).add(l.p50() / 1000);
            p99.get(side).add(l.p99() / 1000);
            events.get(side).addAll(t.eventsPerSecond());
            System.out.printf(Locale.ROOT, "  round %d %-13s turn p50 %.3f ms, p99 %.3f ms; events/s %s   (load %s)%n",
                    round, SIDES[side], l.p50() / 1000, l.p99() / 1000,
                    t.eventsPerSecond().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                    Machine.loadAverage());
        }
    }

    private static void row(String label, String unit, List<List<Double>> samples) {
        Stats.Summary on = Stats.summary(samples.get(0));
        Stats.Summary off = Stats.summary(samples.get(1));
        System.out.printf(Locale.ROOT, "| %s | %s | %s / %s / %s | %s / %s / %s | %.3f |%n", label, unit,
                Metric.format(on.min()), Metric.format(on.median()), Metric.format(on.max()),
                Metric.format(off.min()), Metric.format(off.median()), Metric.format(off.max()),
                on.median() / off.median());
    }
}
