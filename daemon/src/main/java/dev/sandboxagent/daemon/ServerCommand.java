package dev.sandboxagent.daemon;

import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.process.ProcessRegistry;
import dev.sandboxagent.daemon.cli.Agents;
import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.DataDirOption;
import dev.sandboxagent.daemon.cli.ExitCodes;
import dev.sandboxagent.daemon.cli.PluginOptions;
import dev.sandboxagent.daemon.plugins.Plugin;
import dev.sandboxagent.http.SandboxHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code sandbox-daemon server}: runs the HTTP API until SIGTERM / Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Runs the HTTP API in the foreground until SIGTERM or Ctrl-C, which end every agent process.",
                "Prints 'sandbox-daemon <version> listening on <url> ...' once it accepts connections."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  sandbox-daemon server --token \"$SANDBOX_TOKEN\" --host 0.0.0.0 --port 2468",
                "  sandbox-daemon server --no-token --port 0          # any free port, no auth",
                "  sandbox-daemon server --no-token --plugin-dir ./my-adapters",
                "  sandbox-daemon server --token T --cors-allow-origin http://localhost:5173"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:Stopped by SIGTERM or Ctrl-C (the JVM may report 143 for SIGTERM).",
                ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ServerCommand implements Runnable {

    private static final System.Logger LOG = System.getLogger(ServerCommand.class.getName());

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PluginOptions plugins;

    @Override
    public void run() {
        String effectiveToken = server.resolveToken(spec.commandLine());
        reapLeftoverAgents(dataDir.get());
        Agents agents = Agents.load(dataDir.get(), plugins.dirs());
        for (Plugin p : agents.plugins()) {
            LOG.log(System.Logger.Level.INFO, "plugin agent ''{0}'' from {1}", p.adapter().id(), p.jar());
        }
        SessionEngine engine = new SessionEngine(agents.catalog(), Path.of("").toAbsolutePath());
        String version = DaemonVersion.get();
        SandboxHttpServer http = SandboxHttpServer.start(new SandboxHttpServer.Settings(server.host(), server.port(),
                effectiveToken, server.cors(), version), engine, agents.catalog());
        if (!http.isRunning() || http.port() < 0) {
            // Helidon logs why (e.g. BindException: Address already in use) and returns a stopped server.
            engine.shutdown();
            throw new CliFailure("cannot listen on " + server.host() + ":" + server.port()
                    + " (is the port in use? the cause is logged above)");
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.shutdown(); // ends every agent process and the adapters' shared ones
            http.stop();
            stopped.countDown();
        }, "sandbox-daemon-shutdown"));

        System.out.println("sandbox-daemon " + version + " listening on " + server.url(http.port())
                + (effectiveToken == null ? " (no token)" : "") + " with agents "
                + agents.catalog().adapters().stream().map(a -> a.id()).toList());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
