package dev.sandboxagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The benchmark (run it through {@code bench/run}): starts the packaged daemon again and again
 * and measures, each several times, (1) cold start to the first 200 from /v1/health, (2) idle
 * RSS 2 s after start and RSS after load, (3) mock turn round trip, (4) events/s from an agent
 * process through the Claude adapter to one SSE client, (5) delivery to 1,000 SSE followers,
 * (6) 50 sessions created and prompted at once, (7) /v1/health requests/s with keep-alive; and
 * (1), (2), (7) for another daemon binary when given. Prints min / median / max and the targets.
 * Exits 1 when a measurement broke (errors, lost events, a daemon that did not start), never
 * because of a time.
 */
public final class Bench {

    static final Set<String> ALL = new LinkedHashSet<>(List.of("start", "turn", "events", "followers", "sessions",
            "health", "big"));

    // ---- results --------------------------------------------------------------------------

    private final Options options;
    private final Problems problems = new Problems();
    private final Map<String, Metric> ours = new LinkedHashMap<>();
    private final Map<String, Metric> other = new LinkedHashMap<>();
    private final Map<String, Metric> dist = new LinkedHashMap<>();
    private final Map<String, Map<String, Metric>> variants = new LinkedHashMap<>();
    private Path tmp;

    Bench(Options options) {
        this.options = options;
    }

    static Metric metric(Map<String, Metric> in, String key, String label, String unit, Double target,
                                 boolean higherIsBetter) {
        return in.computeIfAbsent(key, k -> new Metric(label, unit, target, higherIsBetter));
    }

    private Metric start(Map<String, Metric> in) {
        return metric(in, "start", "(1) cold start: exec → first 200 from /v1/health", "ms", in == dist ? 100.0 : 150.0, false);
    }

    private Metric idleRss(Map<String, Metric> in) {
        return metric(in, "idle", "(2) idle RSS, 2 s after start", "MiB", in == dist ? 48.0 : 40.0, false);
    }

    static Metric loadRss(Map<String, Metric> in) {
        return metric(in, "loadrss", "(2) RSS after the load", "MiB", null, false);
    }

    private Metric health(Map<String, Metric> in) {
        return metric(in, "health", "(7) GET /v1/health, keep-alive, 8 connections", "req/s", null, true);
    }

    int run() throws Exception {
        tmp = Files.createTempDirectory("sandbox-bench");
        try {
            header();
            if (options.metricsAb) {
                new MetricsOverhead(options, problems, tmp).run(ourEnv(null));
            } else {
                if (options.only.contains("start")) {
                    coldStarts();
                }
                if (options.only.stream().anyMatch(s -> !s.equals("start"))) {
                    loadRounds();
                }
                report();
            }
        } finally {
            if (options.keep) {
                System.out.println("kept " + tmp);
            } else {
                deleteTree(tmp);
            }
        }
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("BROKEN: " + problems.all().size() + " problem(s):");
            problems.all().stream().limit(30).forEach(p -> System.out.println("  " + p));
            return 1;
        }
        return 0;
    }

    private void header() throws IOException {
        System.out.println("sandbox-agent benchmark " + (options.shortMode ? "(short) " : "")
                + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        System.out.println("machine: " + Machine.describe());
        System.out.println("launcher: " + options.launcher.toAbsolutePath()
                + (Files.exists(aotCache()) ? " (AOT cache " + aotCache().getFileName() + ")" : " (no AOT cache)"));
        String opts = ourEnv(null).get("SANDBOX_DAEMON_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            System.out.println("SANDBOX_DAEMON_JAVA_OPTS: " + opts);
        }
        if (options.dist != null) {
            System.out.println("distribution: " + options.dist);
        }
        if (options.other != null) {
            System.out.println("other: " + options.other + " " + String.join(" ", options.otherArgs));
        }
        System.out.println();
    }

    private Path aotCache() {
        return options.launcher.toAbsolutePath().resolveSibling("sandbox-daemon.aot");
    }

    private Map<String, String> ourEnv(String extraOpts) {
        Map<String, String> env = new HashMap<>();
        String opts = options.jvmOpts != null ? options.jvmOpts : System.getenv("SANDBOX_DAEMON_JAVA_OPTS");
        if (extraOpts != null) {
            opts = (opts == null ? "" : opts + " ") + extraOpts;
        }
        if (opts != null) {
            env.put("SANDBOX_DAEMON_JAVA_OPTS", opts);
        }
        return env;
    }

    // ---- (1) and (2) ------------------------------------------------------------------------

    /**
     * Runs of (1) and (2); with variants or another daemon, their runs alternate with ours (run
     * i of each, then run i+1 of each), so that a change of the machine's load hits all alike.
     */
    private void coldStarts() throws Exception {
        System.out.println("(1)(2) cold starts, RSS 2 s after each (" + options.starts() + " runs)");
        for (int i = 1; i <= options.starts(); i++) {
            startRun("ours", ours, null, i);
            if (options.dist != null) {
                startRun("distribution", dist, null, i);
            }
            for (Map.Entry<String, String> v : options.variants.entrySet()) {
                Map<String, Metric> m = variants.computeIfAbsent(v.getKey(), k -> new LinkedHashMap<>());
                startRun(v.getKey(), m, v.getValue(), i);
            }
            if (options.other != null) {
                startRun("other", other, null, i);
            }
        }
        for (Map.Entry<String, String> v : options.variants.entrySet()) {
            System.out.println("  variant " + v.getKey() + ": SANDBOX_DAEMON_JAVA_OPTS += " + v.getValue());
        }
        System.out.println();
    }

    private void startRun(String who, Map<String, Metric> into, String extraOpts, int i) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "start");
        String load = Machine.loadAverage();
        try (DaemonProcess d = into == other ? DaemonProcess.startOther(options.other, options.otherArgs, dir)
                : DaemonProcess.startOurs(into == dist ? options.dist : options.launcher, dir, ourEnv(extraOpts))) {
            // CPU the process used until its first 200, all threads: steadier than (1) on a loaded machine
            metric(into, "startcpu", "(1c) CPU time used until the first 200 (all threads)", "ms", null, false)
                    .samples.add(d.cpuSeconds() * 1000);
            d.sleepUntilAfterStart(2_000);
            double rss = d.rssMiB();
            start(into).samples.add(d.startMillis());
            idleRss(into).samples.add(rss);
            String first = "";
            if (into != other) {
                double ms = Workloads.firstTurn(d, problems);
                metric(into, "first", "(1b) first mock turn of a fresh daemon: create session + turn", "ms", null, false)
                        .samples.add(ms);
                first = String.format(Locale.ROOT, "   first turn %6.1f ms", ms);
            }
            String listening = Double.isNaN(d.listeningMillis()) ? ""
                    : String.format(Locale.ROOT, " (listening %.1f)", d.listeningMillis());
            System.out.printf(Locale.ROOT, "  %-12s #%-2d start %7.1f ms%s   idle RSS %6.1f MiB%s   (load %s)%n",
                    who.length() > 12 ? who.substring(0, 12) : who, i, d.startMillis(), listening, rss, first, load);
        } catch (IOException e) {
            problems.add(who + " start #" + i + ": " + e.getMessage());
            System.out.println("  " + who + " #" + i + " FAILED: " + e.getMessage());
        }
    }

    // ---- (3) to (7) -----------------------------------------------------------------------

    private void loadRounds() throws Exception {
        Set<String> only = options.only;
        ClaudeStub stub = only.contains("events") || only.contains("big")
                ? ClaudeStub.create(tmp.resolve("claude-stub"), options.transcript, options.deltas()) : null;
        for (int round = 1; round <= options.rounds(); round++) {
            System.out.println("round " + round + " of " + options.rounds() + " (a fresh daemon; load " + Machine.loadAverage()
                    + ")");
            Path dir = Files.createTempDirectory(tmp, "load");
            Map<String, String> env = ourEnv(null);
            if (stub != null) {
                env.put("PATH", stub.binDir() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            }
            try (DaemonProcess d = DaemonProcess.startOurs(options.launcher, dir, env);
                 RssSampler rss = RssSampler.start(d)) {
                loadRound(d, round, stub, ours);
                MemoryFigures.afterLoad(d, rss, ours, options);
            } catch (IOException e) {
                problems.add("round " + round + ": " + e.getMessage());
                System.out.println("  FAILED: " + e.getMessage());
            }
            for (LoadVariant v : options.loadVariants.values()) { // interleaved: round i of each, then i+1
                System.out.println("  variant " + v.label() + ": " + v.describe());
                try (DaemonProcess d = DaemonProcess.startOurs(v.launcher(options.launcher),
                        Files.createTempDirectory(tmp, "load-" + v.label()), env, v.args().toArray(String[]::new))) {
                    loadRound(d, round, stub, variants.computeIfAbsent(v.label(), k -> new LinkedHashMap<>()));
                } catch (IOException e) {
                    problems.add("variant " + v.label() + ", round " + round + ": " + e.getMessage());
                    System.out.println("  FAILED: " + e.getMessage());
                }
            }
            if (options.other != null && only.contains("health")) {
                Path odir = Files.createTempDirectory(tmp, "other");
                try (DaemonProcess d = DaemonProcess.startOther(options.other, options.otherArgs, odir)) {
                    Workloads.Rate r = Workloads.healthRate(d, 8, warmupMillis(), options.healthMillis(), problems);
                    health(other).samples.add(r.perSecond());
                    double rss = d.rssMiB();
                    metric(other, "healthrss", "(2) RSS after (7) only", "MiB", null, false).samples.add(rss);
                    System.out.printf(Locale.ROOT, "  other: (7) %.0f req/s (%d errors), RSS after %.1f MiB   (load %s)%n",
                            r.perSecond(), r.errors(), rss, Machine.loadAverage());
                } catch (IOException e) {
                    problems.add("other, round " + round + ": " + e.getMessage());
                }
            }
        }
        System.out.println();
    }

    private long warmupMillis() {
        return options.shortMode ? 300 : 1000;
    }

    private void loadRound(DaemonProcess d, int round, ClaudeStub stub, Map<String, Metric> into) throws Exception {
        Set<String> only = options.only;
        double cpu = d.cpuSeconds();
        if (only.contains("turn")) {
            Workloads.Latency l = Workloads.turnRoundTrip(d, "rtt-" + round, options.warmupTurns(), options.turns(),
                    problems);
            metric(into, "turn50", "(3) mock turn round trip, p50", "ms", 0.5, false).samples.add(l.p50() / 1000);
            metric(into, "turn99", "(3) mock turn round trip, p99", "ms", 3.0, false).samples.add(l.p99() / 1000);
            System.out.printf(Locale.ROOT, "  (3) %d turns: p50 %.3f ms, p99 %.3f ms, max %.3f ms   (load %s)%n",
                    l.count(), l.p50() / 1000, l.p99() / 1000, l.max() / 1000, Machine.loadAverage());
            cpu = cpuLine(d, cpu);
        }
        if (only.contains("events")) {
            Workloads.Throughput t = Workloads.processThroughput(d, "proc-" + round, 1, options.measuredEventTurns(),
                    problems);
            metric(into, "events", "(4) events/s, claude stub process → adapter → log → 1 SSE client", "events/s",
                    40_000.0, true).samples.addAll(t.eventsPerSecond());
            System.out.printf(Locale.ROOT, "  (4) %s events/s (%d events per turn)   (load %s)%n",
                    t.eventsPerSecond().stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList(),
                    t.eventsPerTurn(), Machine.loadAverage());
            double spent = cpu; // CPU time per event is steadier than a rate on a shared machine
            cpu = cpuLine(d, cpu);
            metric(into, "eventcpu", "(4) daemon CPU per event (all its turns, warm-up included)", "µs", null, false)
                    .samples.add((cpu - spent) * 1e6 / (t.eventsPerTurn() * (1.0 + options.measuredEventTurns())));
        }
        if (only.contains("followers")) {
            // Warm-up on another session (JIT of both sides), then the measured run.
            Followers.run(d, "fan-warmup-" + round, Math.min(200, options.followers()), 5, 20, 20, problems);
            cpu = d.cpuSeconds();
            Followers.Fanout f = Followers.run(d, "fan-" + round, options.followers(), options.followerTurns(), 20,
                    50, problems);
            metric(into, "fan99", "(5) " + options.followers() + " SSE followers: delivery latency p99", "ms", 50.0,
                    false).samples.add(f.latency().p99() / 1000);
            metric(into, "fan50", "(5) " + options.followers() + " SSE followers: delivery latency p50", "ms", null,
                    false).samples.add(f.latency().p50() / 1000);
            System.out.printf(Locale.ROOT, "  (5) %d followers × %d events = %d deliveries (connected in %.0f ms):"
                            + " latency p50 %.2f ms, p99 %.2f ms, max %.2f ms   (load %s)%n",
                    f.followers(), f.eventsEach(), f.deliveries(), f.connectMillis(), f.latency().p50() / 1000,
                    f.latency().p99() / 1000, f.latency().max() / 1000, Machine.loadAverage());
            cpu = cpuLine(d, cpu);
        }
        if (only.contains("sessions")) {
            Workloads.Concurrent c = Workloads.concurrentSessions(d, "many-" + round, options.sessions(), problems);
            metric(into, "sessions", "(6) " + options.sessions() + " sessions created and prompted at once: wall time",
                    "ms", 100.0, false).samples.add(c.wallMillis());
            System.out.printf(Locale.ROOT, "  (6) %d sessions: %.1f ms, %d errors   (load %s)%n", options.sessions(),
                    c.wallMillis(), c.errors(), Machine.loadAverage());
            cpu = cpuLine(d, cpu);
        }
        if (only.contains("big") && stub != null) {
            MemoryFigures.bigSession(d, stub, ours, options, problems);
            cpu = cpuLine(d, cpu);
        }
        if (only.contains("health")) {
            Workloads.Rate r = Workloads.healthRate(d, 8, warmupMillis(), options.healthMillis(), problems);
            health(into).samples.add(r.perSecond());
            System.out.printf(Locale.ROOT, "  (7) %.0f req/s (%d requests, %d errors)   (load %s)%n", r.perSecond(),
                    r.requests(), r.errors(), Machine.loadAverage());
            cpu = cpuLine(d, cpu);
        }
    }

    /** Prints the daemon's CPU time since {@code before}; returns the new total. */
    private static double cpuLine(DaemonProcess d, double before) {
        double now = d.cpuSeconds();
        System.out.printf(Locale.ROOT, "      daemon CPU %.2f s%s%n", now - before, MemoryFigures.rssNow(d));
        return now;
    }

    // ---- report --------------------------------------------------------------------------

    private void report() {
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
        LoadVariant.printRatios(options.loadVariants.values(), variants, ours);
        if (!other.isEmpty() || !dist.isEmpty()) {
            System.out.println();
            System.out.println("Side by side (median; min–max): the Maven-built launcher, the self-contained distribution"
                    + (options.other != null ? ", " + options.other : "") + ":");
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
        System.out.println("| " + label + " | " + m.unit + " | " + Metric.format(s.min()) + " | " + Metric.format(s.median()) + " | "
                + Metric.format(s.max()) + " | " + s.n() + " | " + m.targetText() + " | " + m.verdict() + " |");
    }

    private static String briefOf(Map<String, Metric> in, String key) {
        return in.containsKey(key) ? brief(in.get(key)) : "–";
    }

    private static String brief(Metric m) {
        Stats.Summary s = Stats.summary(m.samples);
        return Metric.format(s.median()) + " (" + Metric.format(s.min()) + "–" + Metric.format(s.max()) + ")";
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        } catch (NumberFormatException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new Bench(options).run();
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }
}
