package dev.sandboxagent.daemon.cli;

import java.nio.file.Path;

/**
 * The home directory agents see: {@code $HOME}, which is what the agent CLIs (Node.js and
 * friends) read their credential files from, else Java's {@code user.home} (on Linux the
 * password database's entry, which ignores {@code $HOME}).
 */
public final class UserHome {

    private UserHome() {
    }

    public static Path get() {
        String home = System.getenv("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }
}
