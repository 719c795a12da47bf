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

    // The option names and defaults, shared with FastServerArgs (the picocli-free reading of plain
    // server command lines): one source of truth. The short forms are the seed CLI's.
    public static final String TOKEN = "--token";
    public static final String TOKEN_SHORT = "-t";
    public static final String NO_TOKEN = "--no-token";
    public static final String NO_TOKEN_SHORT = "-n";
    public static final String HOST = "--host";
    public static final String HOST_SHORT = "-H";
    public static final String PORT = "--port";
    public static final String PORT_SHORT = "-p";
    public static final String CORS_ORIGIN = "--cors-allow-origin";
    public static final String CORS_ORIGIN_SHORT = "-O";
    public static final String CORS_METHOD = "--cors-allow-method";
    public static final String CORS_METHOD_SHORT = "-M";
    public static final String CORS_HEADER = "--cors-allow-header";
    public static final String CORS_HEADER_SHORT = "-A";
    public static final String CORS_CREDENTIALS = "--cors-allow-credentials";
    public static final String CORS_CREDENTIALS_SHORT = "-C";
    public static final String NO_TELEMETRY = "--no-telemetry";
    public static final String LOG_TO_FILE = "--log-to-file";
    public static final String METRICS_PUBLIC = "--metrics-public";
    public static final String NO_METRICS = "--no-metrics";
    public static final String LOG_FORMAT = "--log-format";
    public static final String LOG_LEVEL = "--log-level";
    public static final String DEFAULT_LOG_FORMAT = "text";
    public static final String DEFAULT_LOG_LEVEL = "info";
    /** Our addition (long form only): the turn watchdog's default for sessions that set none. */
    public static final String TURN_IDLE_TIMEOUT = "--turn-idle-timeout-ms";
    public static final String DEFAULT_TURN_IDLE_TIMEOUT_MS = "0";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "2468";

    @Option(names = {TOKEN_SHORT, TOKEN}, description = "Bearer token clients must send (default: $SANDBOX_TOKEN).")
    String token;

    @Option(names = {NO_TOKEN_SHORT, NO_TOKEN}, description = "Serve without authentication (only on a trusted network).")
    boolean noToken;

    @Option(names = {HOST_SHORT, HOST}, defaultValue = DEFAULT_HOST, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {PORT_SHORT, PORT}, defaultValue = DEFAULT_PORT, description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {CORS_ORIGIN_SHORT, CORS_ORIGIN}, description = "An origin browsers may call from ('*' for any); repeatable.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = {CORS_METHOD_SHORT, CORS_METHOD}, description = "A method allowed for CORS; repeatable (default: GET, POST, PUT, DELETE, OPTIONS).")
    List<String> corsMethods = new ArrayList<>();

    @Option(names = {CORS_HEADER_SHORT, CORS_HEADER}, description = "A request header allowed for CORS; repeatable (default: Authorization, Content-Type, Last-Event-ID).")
    List<String> corsHeaders = new ArrayList<>();

    @Option(names = {CORS_CREDENTIALS_SHORT, CORS_CREDENTIALS}, description = "Allow credentials on CORS requests.")
    boolean corsCredentials;

    @Option(names = NO_TELEMETRY, description = "Accepted for the seed CLI's sake; this daemon sends no telemetry.")
    boolean noTelemetry;

    @Option(names = LOG_TO_FILE, description = "Also write the log to <data dir>/logs/sandbox-daemon-YYYY-MM-DD.log (one file a day).")
    boolean logToFile;

    @Option(names = METRICS_PUBLIC, description = "Serve GET /metrics and /v1/metrics without the token (for a scraper on a trusted network).")
    boolean metricsPublic;

    public boolean metricsPublic() {
        return metricsPublic;
    }

    @Option(names = NO_METRICS, description = "Keep no metrics at all: no /metrics, no request timing, no counters"
            + " (to measure what metrics cost; bench/run --metrics-ab).")
    boolean noMetrics;

    public boolean noMetrics() {
        return noMetrics;
    }

    @Option(names = LOG_FORMAT, defaultValue = DEFAULT_LOG_FORMAT, paramLabel = "text|json", converter = LogFormat.class,
            description = "The log's format: text lines, or one JSON object per line (time, level, logger, message,"
                    + " session_id, agent, turn_id) (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = LOG_LEVEL, defaultValue = DEFAULT_LOG_LEVEL, paramLabel = "LEVEL", converter = LogLevel.class,
            description = "The daemon's log level: error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    /** One of {@link DaemonLogging#FORMATS}. */
    static final class LogFormat implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return oneOf(value, DaemonLogging.FORMATS);
        }
    }

    /** One of {@link DaemonLogging#LEVELS}. */
    static final class LogLevel implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return oneOf(value, List.copyOf(DaemonLogging.LEVELS.keySet()));
        }
    }

    private static String oneOf(String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    public String logFormat() {
        return logFormat;
    }

    public String logLevel() {
        return logLevel;
    }

    @Option(names = TURN_IDLE_TIMEOUT, defaultValue = DEFAULT_TURN_IDLE_TIMEOUT_MS, converter = NonNegativeMillis.class,
            paramLabel = "MS", description = "Interrupt a turn whose agent has been silent this long (ms), with an error event"
                    + " of code timeout; a session's turnIdleTimeoutMs overrides it (default: ${DEFAULT-VALUE}, off).")
    long turnIdleTimeoutMs;

    /** Reads a count of milliseconds that must not be negative. */
    static final class NonNegativeMillis implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long ms;
            try {
                ms = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number of milliseconds");
            }
            if (ms < 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is negative (0 turns the watchdog off)");
            }
            return ms;
        }
    }

    public long turnIdleTimeoutMs() {
        return turnIdleTimeoutMs;
    }

    public boolean logToFile() {
        return logToFile;
    }

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
            throw new CommandLine.ParameterException(commandLine, TOKEN + " and " + NO_TOKEN + " exclude each other");
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
        List<String> args = new ArrayList<>(List.of(HOST, host, PORT, Integer.toString(port)));
        if (!withToken) {
            args.add(NO_TOKEN);
        }
        corsOrigins.forEach(o -> args.addAll(List.of(CORS_ORIGIN, o)));
        corsMethods.forEach(m -> args.addAll(List.of(CORS_METHOD, m)));
        corsHeaders.forEach(h -> args.addAll(List.of(CORS_HEADER, h)));
        if (corsCredentials) {
            args.add(CORS_CREDENTIALS);
        }
        if (logToFile) {
            args.add(LOG_TO_FILE);
        }
        if (metricsPublic) {
            args.add(METRICS_PUBLIC);
        }
        if (noMetrics) {
            args.add(NO_METRICS);
        }
        if (!DEFAULT_LOG_FORMAT.equals(logFormat)) {
            args.addAll(List.of(LOG_FORMAT, logFormat));
        }
        if (!DEFAULT_LOG_LEVEL.equals(logLevel)) {
            args.addAll(List.of(LOG_LEVEL, logLevel));
        }
        if (turnIdleTimeoutMs != 0) {
            args.addAll(List.of(TURN_IDLE_TIMEOUT, Long.toString(turnIdleTimeoutMs)));
        }
        return args;
    }

    /** The URL clients use for a server bound to {@code boundPort}. */
    public String url(int boundPort) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
    }
}
