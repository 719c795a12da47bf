package dev.sandboxagent.daemon.background;

import dev.sandboxagent.daemon.DaemonVersion;
import dev.sandboxagent.daemon.ServerOptions;
import dev.sandboxagent.daemon.StorageOption;
import dev.sandboxagent.daemon.cli.Agents;
import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.DataDirOption;
import dev.sandboxagent.daemon.cli.ExitCodes;
import dev.sandboxagent.daemon.cli.PluginOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sandbox-daemon daemon start}: the server, detached, with its files in the data directory. */
@Command(name = "start", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Starts the server in the background (detached, its own session, output appended to "
                + "<data dir>/daemon-HOST-PORT.log), writes daemon-HOST-PORT.pid, .version and .url, "
                + "and waits until GET /v1/health answers.",
                "Takes the server's options; the token goes to the daemon through its environment, never its command line.",
                "When a daemon of this data directory and endpoint already runs, says so and leaves it running."},
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon daemon start --token \"$SANDBOX_TOKEN\"",
                "  sandbox-daemon daemon start --no-token --host 0.0.0.0 --port 2468",
                "  sandbox-daemon daemon start --no-token --port 0 --data-dir /tmp/sa",
                "  sandbox-daemon daemon status --data-dir /tmp/sa -p 0  # the URL it got"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:The daemon is running (started now, or already running).",
                "1:The daemon did not start: the cause and the end of its log are printed on stderr.",
                ExitCodes.USAGE_LINE})
final class DaemonStartCommand implements Callable<Integer> {

    private static final int TAIL_LINES = 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PluginOptions plugins;

    @Mixin
    StorageOption storage;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the daemon to answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String token = server.resolveToken(spec.commandLine());
        Path data = dataDir.get();
        Agents.load(data, plugins.dirs()); // a bad plugin fails here, in one line, rather than in the log
        DaemonFiles files = DaemonFiles.of(data, server.host(), server.port());
        PrintWriter out = spec.commandLine().getOut();
        DaemonState state = DaemonState.of(files);
        if (state instanceof DaemonState.Running running) {
            out.println("sandbox-daemon is already running (pid " + running.process().pid() + ") at "
                    + running.url().orElse("(still starting)") + "; 'sandbox-daemon daemon stop' ends it");
            return ExitCodes.OK;
        }
        if (state instanceof DaemonState.Stale) {
            files.clear();
        }
        files.rotateLog();
        Process process = launch(token, data, files);
        files.writePid(process.pid());
        Optional<String> failure;
        String url = null;
        try {
            url = awaitReady(process, files, Duration.ofSeconds(timeoutSeconds));
            failure = Optional.empty();
        } catch (StartFailure e) {
            failure = Optional.of(e.getMessage());
        }
        if (failure.isPresent()) {
            stop(process);
            files.clear();
            PrintWriter err = spec.commandLine().getErr();
            err.println("sandbox-daemon: the daemon did not start: " + failure.get() + "; its log is " + files.log());
            List<String> tail = files.logTail(TAIL_LINES);
            if (!tail.isEmpty()) {
                err.println("last lines of " + files.log() + ":");
                tail.forEach(line -> err.println("  " + line));
            }
            err.flush();
            return ExitCodes.FAILED;
        }
        String version = DaemonVersion.get();
        files.writeStarted(version, url);
        out.println("sandbox-daemon " + version + " started in the background");
        out.println("pid      " + process.pid());
        out.println("url      " + url);
        out.println("log      " + files.log());
        out.flush();
        return ExitCodes.OK;
    }

    private Process launch(String token, Path data, DaemonFiles files) throws IOException {
        List<String> args = new ArrayList<>(List.of("server"));
        args.addAll(server.arguments(token != null));
        args.addAll(List.of("--data-dir", data.toString()));
        args.addAll(storage.arguments());
        plugins.dirs().forEach(d -> args.addAll(List.of("--plugin-dir", d.toString())));
        ProcessBuilder pb = new ProcessBuilder(DaemonLauncher.command(args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (token != null) {
            pb.environment().put("SANDBOX_TOKEN", token);
        } else {
            pb.environment().remove("SANDBOX_TOKEN");
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, "cannot launch " + pb.command().getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the "listening on URL" line in the log, then for /v1/health to answer at that URL. */
    private static String awaitReady(Process process, DaemonFiles files, Duration timeout)
            throws InterruptedException, StartFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String url = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartFailure("it exited with code " + process.exitValue() + " before it was ready");
            }
            if (url == null) {
                url = files.listeningUrl().orElse(null);
            }
            if (url != null && healthy(http, url)) {
                return url;
            }
            Thread.sleep(50);
        }
        throw new StartFailure("it did not " + (url == null ? "start listening" : "answer at " + url)
                + " within " + timeout.toSeconds() + " s (--timeout) and was stopped");
    }

    private static boolean healthy(HttpClient http, String url) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Why the daemon did not become ready. */
    private static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }
}
