package dev.sandboxagent.daemon;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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

    /** Every option of {@code server} that this parser knows (a test checks it against picocli's model). */
    static final Set<String> OPTIONS = Set.of("--token", "--no-token", "-H", "--host", "-p", "--port",
            "--cors-allow-origin", "--cors-allow-method", "--cors-allow-header", "--cors-allow-credentials",
            "--data-dir", "--plugin-dir", "--ephemeral");
    private static final Set<String> FLAGS = Set.of("--no-token", "--cors-allow-credentials", "--ephemeral");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private FastServerArgs() {
    }

    /** The launch of {@code args} when it is a plain {@code server} command line, else null. */
    static Server.Launch parse(String[] args, Map<String, String> env) {
        if (args.length == 0 || !"server".equals(args[0])) {
            return null;
        }
        ServerOptions options = new ServerOptions();
        options.host = "127.0.0.1";
        options.port = 2468;
        Path dataDir = null;
        boolean ephemeral = false;
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
            if (!OPTIONS.contains(name)) {
                return null; // a positional, an unknown or abbreviated option, --help, --version, @file, --
            }
            if (FLAGS.contains(name)) {
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
            String canonical = switch (name) {
                case "-H" -> "--host";
                case "-p" -> "--port";
                default -> name;
            };
            boolean repeatable = canonical.equals("--plugin-dir") || canonical.startsWith("--cors-allow-")
                    && !canonical.equals("--cors-allow-credentials");
            if (!repeatable && seen.contains(canonical)) {
                return null; // picocli reports the repetition
            }
            seen.add(canonical);
            try {
                switch (canonical) {
                    case "--token" -> options.token = value;
                    case "--no-token" -> options.noToken = true;
                    case "--host" -> options.host = value;
                    case "--port" -> {
                        if (!PORT.matcher(value).matches()) {
                            return null;
                        }
                        options.port = Integer.parseInt(value);
                    }
                    case "--cors-allow-origin" -> options.corsOrigins.add(value);
                    case "--cors-allow-method" -> options.corsMethods.add(value);
                    case "--cors-allow-header" -> options.corsHeaders.add(value);
                    case "--cors-allow-credentials" -> options.corsCredentials = true;
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--plugin-dir" -> pluginDirs.add(Path.of(value).toAbsolutePath());
                    case "--ephemeral" -> ephemeral = true;
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
        return new Server.Launch(options, token, DataDirectory.resolve(dataDir), List.copyOf(pluginDirs), ephemeral);
    }
}
