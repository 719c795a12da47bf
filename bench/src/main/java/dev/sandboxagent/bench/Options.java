package dev.sandboxagent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The benchmark's command line: the options, their parsing and the usage text. */
final class Options {

    boolean shortMode;
    Path launcher = Path.of("daemon/target/sandbox-daemon");
    /** The unpacked self-contained distribution's bin/sandbox-daemon; found under daemon/target/dist when absent. */
    Path dist;
    boolean noDist;
    Path transcript = Path.of("adapters-claude/src/test/resources/transcripts/extra_thinking.jsonl");
    Path other;
    List<String> otherArgs = List.of("server", "--no-token", "--no-telemetry", "--host", "127.0.0.1", "--port",
            "{port}");
    /** The measurements to make; by default all, less (8) "big" in short mode. */
    Set<String> only;
    String jvmOpts;
    Map<String, String> variants = new LinkedHashMap<>();
    Map<String, LoadVariant> loadVariants = new LinkedHashMap<>();
    boolean keep;
    boolean metricsAb;
    Integer starts;
    Integer rounds;
    Integer turns;
    Integer deltas;
    Integer followers;
    Integer sessions;
    Double healthSeconds;
    Double settleSeconds;
    Long bigSessionEvents;

    /** (8)'s session size (issue #14: 1,000,000 Claude events). */
    long bigSessionEvents() {
        return bigSessionEvents != null ? bigSessionEvents : 1_000_000;
    }

    int starts() {
        return starts != null ? starts : shortMode ? 3 : 10;
    }

    int rounds() {
        return rounds != null ? rounds : shortMode ? 1 : 3;
    }

    int turns() {
        return turns != null ? turns : shortMode ? 500 : 1000;
    }

    int warmupTurns() {
        return shortMode ? 100 : 300;
    }

    int deltas() {
        return deltas != null ? deltas : shortMode ? 20_000 : 100_000;
    }

    int measuredEventTurns() {
        return shortMode ? 1 : 2;
    }

    int followers() {
        return followers != null ? followers : 1000;
    }

    int followerTurns() {
        return shortMode ? 5 : 30;
    }

    int sessions() {
        return sessions != null ? sessions : 50;
    }

    /** How long after a load round's sessions are deleted its RSS is read again (issue #14: 30 s). */
    double settleSeconds() {
        return settleSeconds != null ? settleSeconds : shortMode ? 5 : 30;
    }

    long healthMillis() {
        return (long) ((healthSeconds != null ? healthSeconds : shortMode ? 1 : 3) * 1000);
    }

    static final String USAGE = """
            usage: bench/run [--short] [--upstream[=VERSION]] [OPTIONS]
              --short                 seconds, not minutes (CI): fewer runs, smaller loads
              --only LIST             some of: start,turn,events,followers,sessions,health,big
                                      (default all; short: all but big)
              --big-session-events N  (8) big: events in the one long claude session (default 1000000)
              --starts N              cold starts (default 10, short 3)
              --rounds N              load rounds, each on a fresh daemon (default 3, short 1)
              --turns N               mock turns measured per round (default 1000, short 500)
              --deltas N              text deltas per turn of the claude stub (default 100000, short 20000)
              --followers N           SSE followers of one session (default 1000)
              --sessions N            concurrent sessions (default 50)
              --health-seconds S      duration of the /v1/health load (default 3, short 1)
              --settle-seconds S      RSS read again S seconds after a round's sessions are deleted
                                      (default 30, short 5)
              --launcher PATH         the daemon launcher (default daemon/target/sandbox-daemon)
              --transcript FILE       recorded claude stream-json for the stub (default extra_thinking.jsonl)
              --jvm-opts OPTS         SANDBOX_DAEMON_JAVA_OPTS for our daemon
              --variant LABEL=OPTS    also measure cold start and idle RSS with these JVM options (repeatable)
              --load-variant LABEL=ARGS
                                      also run each load round (3)-(7) on a daemon started with these extra
                                      server options, interleaved with the default one, and print the ratio
                                      of medians (repeatable; e.g. file=  ephemeral=--ephemeral)
              --load-launcher LABEL=PATH
                                      the launcher of load variant LABEL (default --launcher), e.g. a copy of
                                      an earlier build's daemon/target to compare before and after a change
              --dist PATH             the self-contained distribution's bin/sandbox-daemon (default: the one
                                      mvn package unpacked under daemon/target/dist): (1), (1b), (2) for it too
              --no-dist               do not measure the distribution
              --other PATH            another daemon binary: measures cold start, RSS and /v1/health for it too
              --other-args ARGS       its arguments, {port} = a free port
                                      (default: server --no-token --no-telemetry --host 127.0.0.1 --port {port})
              --metrics-ab            only what metrics cost: (3) and (4) on daemons with metrics on and
                                      --no-metrics, interleaved rounds (default 6, short 2; --rounds N)
              --keep                  keep the temporary folder (daemon logs)
            """;

    private static final Set<String> VALUED = Set.of("--only", "--starts", "--rounds", "--turns", "--deltas",
            "--followers", "--sessions", "--health-seconds", "--settle-seconds", "--big-session-events", "--launcher", "--transcript", "--jvm-opts", "--variant",
            "--other", "--other-args", "--dist", "--load-variant", "--load-launcher");

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--short" -> o.shortMode = true;
                case "--keep" -> o.keep = true;
                case "--metrics-ab" -> o.metricsAb = true;
                case "--no-dist" -> o.noDist = true;
                case "-h", "--help" -> throw new UsageException(null);
                default -> {
                    if (!VALUED.contains(a)) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("missing value for " + a);
                        }
                        v = args[++i];
                    }
                    String value = v;
                    switch (a) {
                        case "--only" -> {
                            o.only = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                            for (String s : o.only) {
                                if (!Bench.ALL.contains(s)) {
                                    throw new UsageException("unknown measurement '" + s + "'; known: " + Bench.ALL);
                                }
                            }
                        }
                        case "--starts" -> o.starts = positive(a, value);
                        case "--rounds" -> o.rounds = positive(a, value);
                        case "--turns" -> o.turns = positive(a, value);
                        case "--deltas" -> o.deltas = positive(a, value);
                        case "--followers" -> o.followers = positive(a, value);
                        case "--sessions" -> o.sessions = positive(a, value);
                        case "--health-seconds" -> o.healthSeconds = Double.parseDouble(value);
                        case "--settle-seconds" -> o.settleSeconds = Double.parseDouble(value);
                        case "--big-session-events" -> o.bigSessionEvents = (long) positive(a, value);
                        case "--launcher" -> o.launcher = Path.of(value);
                        case "--transcript" -> o.transcript = Path.of(value);
                        case "--jvm-opts" -> o.jvmOpts = value;
                        case "--variant" -> {
                            int at = value.indexOf('=');
                            if (at <= 0) {
                                throw new UsageException("--variant wants LABEL=OPTS");
                            }
                            o.variants.put(value.substring(0, at), value.substring(at + 1));
                        }
                        case "--load-variant" -> {
                            String label = label(a, value);
                            o.loadVariants.put(label, o.loadVariant(label).withArgs(value.substring(label.length() + 1)));
                        }
                        case "--load-launcher" -> {
                            String label = label(a, value);
                            o.loadVariants.put(label, o.loadVariant(label)
                                    .withLauncher(Path.of(value.substring(label.length() + 1)).toAbsolutePath()));
                        }
                        case "--other" -> o.other = Path.of(value);
                        case "--dist" -> o.dist = Path.of(value);
                        case "--other-args" -> o.otherArgs = List.of(value.trim().split("\\s+"));
                        default -> throw new UsageException("unknown option " + a);
                    }
                }
            }
        }
        if (o.only == null) {
            o.only = new LinkedHashSet<>(Bench.ALL);
            if (o.shortMode) {
                o.only.remove("big");
            }
        }
        o.launcher = o.launcher.toAbsolutePath();
        o.transcript = o.transcript.toAbsolutePath();
        if (o.other != null) {
            o.other = o.other.toAbsolutePath();
        }
        o.dist = o.noDist ? null : o.dist != null ? o.dist.toAbsolutePath() : builtDistribution(o.launcher);
        return o;
    }

    /** daemon/target/dist/sandbox-daemon-VERSION/bin/sandbox-daemon beside the launcher, if mvn package made it. */
    private static Path builtDistribution(Path launcher) {
        try (var dirs = Files.list(launcher.resolveSibling("dist"))) {
            return dirs.map(d -> d.resolve("bin/sandbox-daemon")).filter(Files::isExecutable).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private LoadVariant loadVariant(String label) {
        return loadVariants.getOrDefault(label, new LoadVariant(label, null, List.of()));
    }

    private static String label(String option, String value) {
        int at = value.indexOf('=');
        if (at <= 0) {
            throw new UsageException(option + " wants LABEL=VALUE");
        }
        return value.substring(0, at);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " wants a positive number, not '" + value + "'");
    }
}
