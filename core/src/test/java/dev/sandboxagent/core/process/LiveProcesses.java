package dev.sandboxagent.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper answering "is this process still running?" independently of the code under test.
 * A killed orphan stays a zombie until init reaps it (some container inits do that late), and
 * {@link ProcessHandle#isAlive()} counts zombies as alive, so zombies are read from /proc.
 */
public final class LiveProcesses {

    private LiveProcesses() {
    }

    public static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(LiveProcesses::isRunning).orElse(false);
    }

    public static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
