package dev.sandboxagent.daemon;

import dev.sandboxagent.daemon.cli.DataDirOption;
import dev.sandboxagent.daemon.cli.PluginOptions;

import dev.sandboxagent.core.engine.Retention;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a plain {@code server} command line without picocli, for start-up time: building
 * picocli's model of the command tree costs 100-250 ms of a cold start (its classes are Java 5
 * class files, which the JDK's AOT cache cannot hold). It accepts only a strict subset of what
 * picocli accepts ({@code --option value} and {@code --option=value} forms of the server's own
 * options, each single-valued option at most once) and gives the same result picocli would;
 * anything else (help, version, errors, {@code @files}, unknown or abbreviated options, a
 * missing token) returns null, and picocli handles it with its usual messages.
 */
final class FastServerArgs {

    /** Each option name of {@code server} (long and short, from ServerOptions' constants) → its long name. */
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry(ServerOptions.TOKEN, ServerOptions.TOKEN), Map.entry(ServerOptions.TOKEN_SHORT, ServerOptions.TOKEN),
            Map.entry(ServerOptions.NO_TOKEN, ServerOptions.NO_TOKEN),
            Map.entry(ServerOptions.NO_TOKEN_SHORT, ServerOptions.NO_TOKEN),
            Map.entry(ServerOptions.HOST, ServerOptions.HOST), Map.entry(ServerOptions.HOST_SHORT, ServerOptions.HOST),
            Map.entry(ServerOptions.PORT, ServerOptions.PORT), Map.entry(ServerOptions.PORT_SHORT, ServerOptions.PORT),
            Map.entry(ServerOptions.CORS_ORIGIN, ServerOptions.CORS_ORIGIN),
            Map.entry(ServerOptions.CORS_ORIGIN_SHORT, ServerOptions.CORS_ORIGIN),
            Map.entry(ServerOptions.CORS_METHOD, ServerOptions.CORS_METHOD),
            Map.entry(ServerOptions.CORS_METHOD_SHORT, ServerOptions.CORS_METHOD),
            Map.entry(ServerOptions.CORS_HEADER, ServerOptions.CORS_HEADER),
            Map.entry(ServerOptions.CORS_HEADER_SHORT, ServerOptions.CORS_HEADER),
            Map.entry(ServerOptions.CORS_CREDENTIALS, ServerOptions.CORS_CREDENTIALS),
            Map.entry(ServerOptions.CORS_CREDENTIALS_SHORT, ServerOptions.CORS_CREDENTIALS),
            Map.entry(ServerOptions.NO_TELEMETRY, ServerOptions.NO_TELEMETRY),
            Map.entry(ServerOptions.LOG_TO_FILE, ServerOptions.LOG_TO_FILE),
            Map.entry(ServerOptions.METRICS_PUBLIC, ServerOptions.METRICS_PUBLIC),
            Map.entry(ServerOptions.NO_METRICS, ServerOptions.NO_METRICS),
            Map.entry(ServerOptions.LOG_FORMAT, ServerOptions.LOG_FORMAT),
            Map.entry(ServerOptions.LOG_LEVEL, ServerOptions.LOG_LEVEL),
            Map.entry(ServerOptions.TURN_IDLE_TIMEOUT, ServerOptions.TURN_IDLE_TIMEOUT),
            Map.entry(DataDirOption.NAME, DataDirOption.NAME), Map.entry(PluginOptions.NAME, PluginOptions.NAME),
            Map.entry(StorageOption.EPHEMERAL, StorageOption.EPHEMERAL),
            Map.entry(StorageOption.MAX_SESSION_AGE, StorageOption.MAX_SESSION_AGE),
            Map.entry(StorageOption.MAX_DISK, StorageOption.MAX_DISK));
    /** Every option of {@code server} that this parser knows (a test checks it against picocli's model). */
    static final Set<String> OPTIONS = CANONICAL.keySet();
    private static final Set<String> FLAGS = Set.of(ServerOptions.NO_TOKEN, ServerOptions.CORS_CREDENTIALS,
            ServerOptions.NO_TELEMETRY, ServerOptions.LOG_TO_FILE, ServerOptions.METRICS_PUBLIC,
            ServerOptions.NO_METRICS,
            StorageOption.EPHEMERAL);
    private static final Set<String> REPEATABLE = Set.of(ServerOptions.CORS_ORIGIN, ServerOptions.CORS_METHOD,
            ServerOptions.CORS_HEADER, PluginOptions.NAME);
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,18}");

    private FastServerArgs() {
    }

    /** The launch of {@code args} when it is a plain {@code server} command line, else null. */
    static Server.Launch parse(String[] args, Map<String, String> env) {
        if (args.length == 0 || !"server".equals(args[0])) {
            return null;
        }
        ServerOptions options = new ServerOptions();
        options.host = ServerOptions.DEFAULT_HOST;
        options.port = Integer.parseInt(ServerOptions.DEFAULT_PORT);
        options.logFormat = ServerOptions.DEFAULT_LOG_FORMAT;
        options.logLevel = ServerOptions.DEFAULT_LOG_LEVEL;
        options.turnIdleTimeoutMs = Long.parseLong(ServerOptions.DEFAULT_TURN_IDLE_TIMEOUT_MS);
        Path dataDir = null;
        boolean ephemeral = false;
        Duration maxAge = null;
        long maxDisk = 0;
        List<Path> pluginDirs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String canonical = CANONICAL.get(name);
            if (canonical == null) {
                return null; // a positional, an unknown or abbreviated option, --help, --version, @file, --
            }
            if (FLAGS.contains(canonical)) {
                if (value != null) {
                    return null;
                }
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            }
            if (value != null && (value.startsWith("-") || value.startsWith("@"))) {
                return null; // picocli may read these as options or argument files
            }
            if (!REPEATABLE.contains(canonical) && seen.contains(canonical)) {
                return null; // picocli reports the repetition
            }
            seen.add(canonical);
            try {
                switch (canonical) {
                    case ServerOptions.TOKEN -> options.token = value;
                    case ServerOptions.NO_TOKEN -> options.noToken = true;
                    case ServerOptions.HOST -> options.host = value;
                    case ServerOptions.PORT -> {
                        if (!PORT.matcher(value).matches()) {
                            return null;
                        }
                        options.port = Integer.parseInt(value);
                    }
                    case ServerOptions.CORS_ORIGIN -> options.corsOrigins.add(value);
                    case ServerOptions.CORS_METHOD -> options.corsMethods.add(value);
                    case ServerOptions.CORS_HEADER -> options.corsHeaders.add(value);
                    case ServerOptions.CORS_CREDENTIALS -> options.corsCredentials = true;
                    case ServerOptions.NO_TELEMETRY -> options.noTelemetry = true;
                    case ServerOptions.LOG_TO_FILE -> options.logToFile = true;
                    case ServerOptions.METRICS_PUBLIC -> options.metricsPublic = true;
                    case ServerOptions.NO_METRICS -> options.noMetrics = true;
                    case ServerOptions.LOG_FORMAT -> {
                        if (!DaemonLogging.FORMATS.contains(value)) {
                            return null; // picocli explains what is wrong with it
                        }
                        options.logFormat = value;
                    }
                    case ServerOptions.LOG_LEVEL -> {
                        if (!DaemonLogging.LEVELS.containsKey(value)) {
                            return null;
                        }
                        options.logLevel = value;
                    }
                    case ServerOptions.TURN_IDLE_TIMEOUT -> {
                        if (!MILLIS.matcher(value).matches()) {
                            return null; // picocli explains what is wrong with it
                        }
                        options.turnIdleTimeoutMs = Long.parseLong(value);
                    }
                    case DataDirOption.NAME -> dataDir = Path.of(value);
                    case PluginOptions.NAME -> pluginDirs.add(Path.of(value).toAbsolutePath());
                    case StorageOption.EPHEMERAL -> ephemeral = true;
                    case StorageOption.MAX_SESSION_AGE -> {
                        maxAge = StorageOption.age(value);
                        if (maxAge == null) {
                            return null; // picocli explains what is wrong with it
                        }
                    }
                    case StorageOption.MAX_DISK -> {
                        Long size = StorageOption.size(value);
                        if (size == null) {
                            return null;
                        }
                        maxDisk = size;
                    }
                    default -> {
                        return null;
                    }
                }
            } catch (InvalidPathException e) {
                return null;
            }
        }
        String token;
        if (options.noToken) {
            if (options.token != null) {
                return null;
            }
            token = null;
        } else {
            token = options.token != null ? options.token : env.get("SANDBOX_TOKEN");
            if (token == null || token.isBlank()) {
                return null;
            }
        }
        return new Server.Launch(options, token, DataDirectory.resolve(dataDir), List.copyOf(pluginDirs), ephemeral,
                new Retention(maxAge, maxDisk));
    }
}
