package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.process.StderrSnapshot;
import dev.sandboxagent.core.spi.ServerStatus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.UnaryOperator;

/**
 * One shared {@code opencode serve} on 127.0.0.1: started on first use with a free port and a
 * random password, health-checked at start and before each new session, started again (a new
 * {@link Run}) when it has died, stopped with the daemon. Sessions attach to the run they were
 * created on and hear when it dies.
 */
final class OpencodeServer {

    private static final System.Logger LOG = System.getLogger(OpencodeServer.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a session hears when the server it runs on dies. */
    interface Listener {
        void serverDied(Integer exitCode, String message, StderrSnapshot stderr);
    }

    /** One process lifetime of the server. */
    static final class Run {
        final OpencodeClient client;
        final AgentProcess process;
        final long startedAt = System.currentTimeMillis();
        final Set<Listener> listeners = new CopyOnWriteArraySet<>();
        /** MCP servers added to this run, by directory and name (see {@link OpencodeMcp}). */
        final Map<String, jakarta.json.JsonObject> mcp = new java.util.HashMap<>();
        volatile boolean dead;

        Run(OpencodeClient client, AgentProcess process) {
            this.client = client;
            this.process = process;
        }
    }

    private final Path binary;
    private final Map<String, String> environment;
    private final Path workDir;
    private final UnaryOperator<String> route;

    private Run run;
    private int starts;
    private boolean stopped;
    private String lastError;
    private String lastUrl;

    OpencodeServer(Path binary, Map<String, String> environment, Path workDir, UnaryOperator<String> route) {
        this.binary = binary;
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.route = route;
    }

    Path binary() {
        return binary;
    }

    /** The running server, started (again) when there is none or it does not answer. */
    synchronized Run ensureRunning() throws IOException {
        if (run != null && !run.dead) {
            if (run.client.healthy(HEALTH_TIMEOUT)) {
                return run;
            }
            lastError = "opencode serve at " + run.client.baseUrl() + " stopped answering its health check";
            LOG.log(System.Logger.Level.WARNING, lastError + "; restarting it");
            run.process.terminate(Duration.ofSeconds(2)); // its sessions hear of it through onExit
        }
        stopped = false;
        IOException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) { // a second try covers a port taken meanwhile
            try {
                run = start();
                return run;
            } catch (IOException e) {
                failure = e;
                lastError = e.getMessage();
            }
        }
        throw failure;
    }

    private Run start() throws IOException {
        int port = freePort();
        String password = HexFormat.of().formatHex(randomBytes());
        String url = route.apply("http://127.0.0.1:" + port);
        LaunchSpec spec = ServerLaunch.spec(binary, port, password, environment, workDir);
        starts++;
        OpencodeClient client = new OpencodeClient(url, password);
        Run[] self = new Run[1];
        AgentProcess process = AgentProcess.start(spec, line -> LOG.log(System.Logger.Level.DEBUG, "opencode: {0}", line),
                (code, stderr) -> exited(self[0], code, stderr));
        Run r = new Run(client, process);
        self[0] = r;
        lastUrl = url;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                process.waitFor(Duration.ofSeconds(5));
                throw new IOException("opencode serve exited at start with code "
                        + process.exitCode().orElse(-1) + stderrHint(process.stderr()));
            }
            if (client.healthy(Duration.ofSeconds(2))) {
                LOG.log(System.Logger.Level.INFO, "opencode serve running at {0} (pid {1})", url, process.pid());
                return r;
            }
            try {
                Thread.sleep(100); // polling the health endpoint while the server boots
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.terminate(Duration.ofSeconds(2));
        throw new IOException("opencode serve did not become healthy within " + START_TIMEOUT.toSeconds() + " s"
                + stderrHint(process.stderr()));
    }

    private void exited(Run r, Integer code, StderrSnapshot stderr) {
        if (r == null) {
            return;
        }
        boolean expected;
        synchronized (this) {
            r.dead = true;
            expected = stopped;
            if (!expected) {
                lastError = "opencode serve exited with code " + code + stderrHint(stderr);
            }
            if (run == r) {
                run = null;
            }
        }
        String message = "the opencode server (" + r.client.baseUrl() + ") exited with code " + code;
        for (Listener l : r.listeners) {
            try {
                l.serverDied(code, expected ? null : message, stderr);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a session failed to handle the server's exit", e);
            }
        }
    }

    /** Ends the server (daemon shutdown); a later session starts it again. */
    void stop() {
        Run r;
        synchronized (this) {
            stopped = true;
            r = run;
            run = null;
        }
        if (r != null) {
            r.process.terminate(Duration.ofSeconds(3));
        }
    }

    synchronized ServerStatus status() {
        if (run != null && !run.dead) {
            return new ServerStatus("running", run.client.baseUrl(), System.currentTimeMillis() - run.startedAt,
                    Math.max(0, starts - 1), lastError);
        }
        String status = lastError != null && !stopped ? "error" : "stopped";
        return new ServerStatus(status, lastUrl, null, Math.max(0, starts - 1), lastError);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String stderrHint(StderrSnapshot stderr) {
        if (stderr == null || stderr.isEmpty()) {
            return "";
        }
        String text = stderr.text().strip();
        return ": " + (text.length() > 2000 ? text.substring(text.length() - 2000) : text);
    }
}
