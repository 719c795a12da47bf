package dev.sandboxagent.daemon;

import java.nio.file.Path;

/** Where the daemon keeps installed agents, plugins and its background-daemon files. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** {@code option} if given, else {@code $SANDBOX_AGENT_DATA_DIR}, else {@code $XDG_DATA_HOME/sandbox-agent}, else {@code ~/.local/share/sandbox-agent}. */
    public static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String env = System.getenv("SANDBOX_AGENT_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("sandbox-agent");
    }
}
