package dev.sandboxagent.daemon;

import java.nio.file.Path;

/** Where the daemon keeps installed agents and its own files. */
final class DataDirectory {

    private DataDirectory() {
    }

    static Path resolve(Path option) {
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
