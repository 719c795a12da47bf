package dev.sandboxagent.daemon.background;

import dev.sandboxagent.daemon.DaemonVersion;
import dev.sandboxagent.daemon.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code sandbox-daemon daemon status}: pid, version, URL and log of the background daemon. */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Tells whether the background daemon of the endpoint (--host, --port; without them, the only one "
                + "of the data directory) runs, with its pid, version, URL, "
                + "log file and whether GET /v1/health answers.",
                "A pid file whose process is gone (the daemon was killed or the machine restarted) is removed."},
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon daemon status",
                "  sandbox-daemon daemon status -H 127.0.0.1 -p 2491",
                "  sandbox-daemon daemon status --data-dir /opt/sandbox-agent",
                "  sandbox-daemon daemon status >/dev/null || sandbox-daemon daemon start"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:The daemon is running.", ExitCodes.USAGE_LINE, ExitCodes.NOT_RUNNING_LINE})
final class DaemonStatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DaemonEndpoint endpoint;

    @Override
    public Integer call() {
        DaemonFiles files = endpoint.files();
        PrintWriter out = spec.commandLine().getOut();
        DaemonState state = DaemonState.of(files);
        switch (state) {
            case DaemonState.NotRunning n -> {
                out.println("sandbox-daemon is not running (no " + files.pidFile() + ")");
                out.flush();
                return ExitCodes.NOT_RUNNING;
            }
            case DaemonState.Stale stale -> {
                files.clear();
                out.println("sandbox-daemon is not running: removed the stale pid file of process " + stale.pidText()
                        + " (see " + files.log() + " for how it ended)");
                out.flush();
                return ExitCodes.NOT_RUNNING;
            }
            case DaemonState.Running running -> {
                // A start that was itself interrupted wrote no url file: the log still tells.
                var url = running.url().or(files::listeningUrl);
                out.println("sandbox-daemon is running");
                out.println("pid      " + running.process().pid());
                out.println("version  " + running.version().orElse("(unknown: still starting)"));
                out.println("url      " + url.orElse("(unknown: still starting)"));
                out.println("log      " + files.log());
                out.println("health   " + url.map(DaemonStatusCommand::health).orElse("(unknown)"));
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    private static String health(String url) {
        try {
            HttpResponse<String> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url + "/v1/health")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? "ok" : "HTTP " + res.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return "not answering (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
