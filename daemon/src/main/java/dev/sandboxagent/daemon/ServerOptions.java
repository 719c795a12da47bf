package dev.sandboxagent.daemon;

import dev.sandboxagent.http.CorsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP server's options, shared by {@code server} and {@code daemon start} (which hands
 * them on to the server it starts in the background).
 */
public final class ServerOptions {

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

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public CorsSettings cors() {
        return new CorsSettings(corsOrigins, corsMethods, corsHeaders, corsCredentials);
    }

    /**
     * The token to require, or null for {@code --no-token}; a usage error when neither a
     * token (option or {@code $SANDBOX_TOKEN}) nor {@code --no-token} was given.
     */
    public String resolveToken(CommandLine commandLine) {
        if (noToken && token != null) {
            throw new CommandLine.ParameterException(commandLine, "--token and --no-token exclude each other");
        }
        if (noToken) {
            return null;
        }
        String t = token != null ? token : System.getenv("SANDBOX_TOKEN");
        if (t == null || t.isBlank()) {
            throw new CommandLine.ParameterException(commandLine,
                    "give --token T (or set SANDBOX_TOKEN), or --no-token to serve without authentication");
        }
        return t;
    }

    /** The server's arguments for these options, except the token (passed in the environment, never on a command line). */
    public List<String> arguments(boolean withToken) {
        List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(port)));
        if (!withToken) {
            args.add("--no-token");
        }
        corsOrigins.forEach(o -> args.addAll(List.of("--cors-allow-origin", o)));
        corsMethods.forEach(m -> args.addAll(List.of("--cors-allow-method", m)));
        corsHeaders.forEach(h -> args.addAll(List.of("--cors-allow-header", h)));
        if (corsCredentials) {
            args.add("--cors-allow-credentials");
        }
        return args;
    }

    /** The URL clients use for a server bound to {@code boundPort}. */
    public String url(int boundPort) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
    }
}
