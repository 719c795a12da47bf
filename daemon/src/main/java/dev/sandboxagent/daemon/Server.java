package dev.sandboxagent.daemon;

import dev.sandboxagent.core.engine.Retention;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.process.ProcessObserver;
import dev.sandboxagent.core.process.ProcessRegistry;
import dev.sandboxagent.core.store.EventStore;
import dev.sandboxagent.core.store.FileEventStore;
import dev.sandboxagent.core.store.MemoryEventStore;
import dev.sandboxagent.core.store.StoreException;
import dev.sandboxagent.daemon.cli.Agents;
import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.core.plugins.Plugin;
import dev.sandboxagent.http.DaemonMetrics;
import dev.sandboxagent.http.SandboxHttpServer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP API in the foreground, once the {@code server} command line is parsed (by picocli in
 * {@link ServerCommand}, or by {@link FastServerArgs} for plain command lines). Free of picocli,
 * so that a plain {@code server} start loads none of it.
 */
final class Server {

    private static final System.Logger LOG = System.getLogger(Server.class.getName());
    /** How often an idle daemon checks whether to give its heap back: within 2 periods of a load's end. */
    private static final long IDLE_HEAP_CHECK_MILLIS = 10_000;

    private Server() {
    }

    /**
     * What {@code server} runs with.
     *
     * @param options    the server's options (host, port, CORS)
     * @param token      the token to require, or null for {@code --no-token}
     * @param dataDir    the effective data directory (absolute)
     * @param pluginDirs the {@code --plugin-dir} folders (absolute)
     * @param ephemeral  {@code --ephemeral}: event logs in memory only
     * @param retention  {@code --max-session-age}, {@code --max-disk}
     */
    record Launch(ServerOptions options, String token, Path dataDir, List<Path> pluginDirs, boolean ephemeral,
                  Retention retention) {

        Launch(ServerOptions options, String token, Path dataDir, List<Path> pluginDirs) {
            this(options, token, dataDir, pluginDirs, false);
        }

        Launch(ServerOptions options, String token, Path dataDir, List<Path> pluginDirs, boolean ephemeral) {
            this(options, token, dataDir, pluginDirs, ephemeral, Retention.NONE);
        }
    }

    /** Runs the HTTP API until the JVM shuts down (SIGTERM, Ctrl-C), which ends every agent process. */
    static void serve(Launch launch) {
        ServerOptions server = launch.options();
        String effectiveToken = launch.token();
        Path logFile = server.logToFile() ? DailyLogFile.install(launch.dataDir().resolve("logs")) : null;
        DaemonLogging.apply(server.logFormat(), server.logLevel());
        if (logFile != null) {
            LOG.log(System.Logger.Level.INFO, "logging to {0}", logFile);
        }
        EventStore store = openStore(launch); // first: its lock keeps a second daemon from reaping our agents
        reapLeftoverAgents(launch.dataDir());
        Agents agents = Agents.load(launch.dataDir(), launch.pluginDirs());
        for (Plugin p : agents.plugins()) {
            LOG.log(System.Logger.Level.INFO, "plugin agent ''{0}'' from {1}", p.adapter().id(), p.jar());
        }
        DaemonMetrics metrics = server.noMetrics() ? null : new DaemonMetrics(server.metricsPublic());
        if (metrics != null) {
            ProcessObserver.install(metrics.processObserver());
            agents.catalog().observeWith(metrics.engineObserver());
        }
        SessionEngine engine = new SessionEngine(agents.catalog(), Path.of("").toAbsolutePath(),
                server.turnIdleTimeoutMs(), store, metrics == null ? EngineObserver.NONE : metrics.engineObserver());
        int restored = engine.restoreSessions();
        if (restored > 0) {
            LOG.log(System.Logger.Level.INFO, "restored {0} session(s) from {1}", restored, launch.dataDir().resolve("sessions"));
        }
        RetentionSweeper sweeper = RetentionSweeper.start(engine, launch.retention());
        String version = DaemonVersion.get();
        SandboxHttpServer http = SandboxHttpServer.start(new SandboxHttpServer.Settings(server.host(), server.port(),
                effectiveToken, server.cors(), version), engine, agents.catalog(), metrics);
        if (!http.isRunning() || http.port() < 0) {
            // Helidon logs why (e.g. BindException: Address already in use) and returns a stopped server.
            engine.shutdown();
            store.close();
            throw new CliFailure("cannot listen on " + server.host() + ":" + server.port()
                    + " (is the port in use? the cause is logged above)");
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sweeper.close();
            engine.shutdown(); // ends every agent process and the adapters' shared ones
            http.stop();
            store.close(); // writes out and syncs every log
            stopped.countDown();
        }, "sandbox-daemon-shutdown"));

        String listening = "sandbox-daemon " + version + " listening on " + server.url(http.port())
                + (effectiveToken == null ? " (no token)" : "") + " with agents "
                + agents.catalog().adapters().stream().map(a -> a.id()).toList();
        DailyLogFile.line(listening); // first: whoever sees the line on stdout finds it in the log file too
        // with --log-format json every line the daemon writes is JSON, this one too
        System.out.print("json".equals(server.logFormat()) ? JsonLogFormatter.info(Server.class.getName(), listening)
                : listening + System.lineSeparator());
        System.out.flush();
        IdleHeapShrinker.start(IDLE_HEAP_CHECK_MILLIS);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The sessions' event logs: files under {@code <data dir>/sessions} (locked against a second
     * daemon), or memory only with {@code --ephemeral}.
     */
    private static EventStore openStore(Launch launch) {
        if (launch.ephemeral()) {
            return new MemoryEventStore();
        }
        try {
            return FileEventStore.open(launch.dataDir().resolve("sessions"));
        } catch (StoreException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    /**
     * Records every agent process this daemon starts under {@code <data dir>/run}, and ends the
     * ones a previous daemon left behind when it was killed outright (SIGKILL, OOM killer).
     */
    private static void reapLeftoverAgents(Path data) {
        try {
            int reaped = ProcessRegistry.install(data.resolve("run")).reapLeftovers();
            if (reaped > 0) {
                LOG.log(System.Logger.Level.WARNING, "ended {0} agent process(es) left by a daemon that did not stop cleanly",
                        reaped);
            }
        } catch (java.io.IOException e) {
            throw new CliFailure("cannot use " + data.resolve("run") + " to track agent processes: " + e.getMessage());
        }
    }
}
