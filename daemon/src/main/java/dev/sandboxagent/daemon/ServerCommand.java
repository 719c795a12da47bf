package dev.sandboxagent.daemon;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.SandboxHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code sandbox-daemon server}: runs the HTTP API until SIGTERM / Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Runs the HTTP API.")
final class ServerCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--token", description = "Bearer token clients must send (default: $SANDBOX_TOKEN).")
    String token;

    @Option(names = "--no-token", description = "Serve without authentication (only on a trusted network).")
    boolean noToken;

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "2468", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--cors-allow-origin", description = "An origin browsers may call from ('*' for any); repeatable.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--cors-allow-method", description = "A method allowed for CORS; repeatable (default: GET, POST, PUT, DELETE, OPTIONS).")
    List<String> corsMethods = new ArrayList<>();

    @Option(names = "--cors-allow-header", description = "A request header allowed for CORS; repeatable (default: Authorization, Content-Type, Last-Event-ID).")
    List<String> corsHeaders = new ArrayList<>();

    @Option(names = "--cors-allow-credentials", description = "Allow credentials on CORS requests.")
    boolean corsCredentials;

    @Option(names = "--data-dir", description = "Where agents are installed (default: $SANDBOX_AGENT_DATA_DIR or ~/.local/share/sandbox-agent).")
    Path dataDir;

    @Override
    public void run() {
        String effectiveToken = resolveToken();
        Path data = DataDirectory.resolve(dataDir);
        AgentCatalog agents = new AgentCatalog(AgentCatalog.discover(ServerCommand.class.getClassLoader()),
                new NpmInstaller(data), System.getenv(), Path.of(System.getProperty("user.home")));
        SessionEngine engine = new SessionEngine(agents, Path.of("").toAbsolutePath());
        String version = DaemonVersion.get();
        SandboxHttpServer server = SandboxHttpServer.start(new SandboxHttpServer.Settings(host, port, effectiveToken,
                new CorsSettings(corsOrigins, corsMethods, corsHeaders, corsCredentials), version), engine, agents);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.shutdown(); // ends every agent process
            server.stop();
            stopped.countDown();
        }, "sandbox-daemon-shutdown"));

        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        System.out.println("sandbox-daemon " + version + " listening on " + url
                + (effectiveToken == null ? " (no token)" : "") + " with agents "
                + agents.adapters().stream().map(a -> a.id()).toList());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String resolveToken() {
        if (noToken && token != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--token and --no-token exclude each other");
        }
        if (noToken) {
            return null;
        }
        String t = token != null ? token : System.getenv("SANDBOX_TOKEN");
        if (t == null || t.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --token T (or set SANDBOX_TOKEN), or --no-token to serve without authentication");
        }
        return t;
    }
}
