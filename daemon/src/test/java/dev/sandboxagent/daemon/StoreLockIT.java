package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged daemon keeps its sessions' logs under the data directory and locks it: a second
 * daemon on the same directory refuses to start, naming the first one's pid; after the first is
 * killed outright (SIGKILL) the OS has released the lock and a new daemon starts. With
 * {@code --ephemeral} nothing is written and nothing is locked.
 */
class StoreLockIT {

    @TempDir
    Path data;

    private DaemonProcess daemon(String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        System.arraycopy(new String[]{"server", "--no-token", "--port", "0"}, 0, args, 0, 4);
        System.arraycopy(extra, 0, args, 4, extra.length);
        return new DaemonProcess(Map.of("SANDBOX_AGENT_DATA_DIR", data.toString()), args);
    }

    @Test
    void aSecondDaemonOnTheSameDataDirectoryIsRefusedWithThePidOfTheFirst() throws Exception {
        try (DaemonProcess first = daemon()) {
            first.awaitUrl();
            assertThat(data.resolve("sessions/lock")).exists();
            try (DaemonProcess second = daemon()) {
                assertThat(second.awaitExit()).isNotZero();
                assertThat(String.join("\n", second.output))
                        .contains("is in use by another daemon (pid " + first.process.pid() + ")");
            }
            first.process.destroyForcibly(); // SIGKILL: the lock goes with the process
            first.process.waitFor(10, TimeUnit.SECONDS);
        }
        try (DaemonProcess again = daemon()) {
            assertThat(again.awaitUrl()).startsWith("http://");
        }
    }

    @Test
    void anEphemeralDaemonWritesNoLogs() throws Exception {
        try (DaemonProcess first = daemon("--ephemeral")) {
            first.awaitUrl();
            assertThat(data.resolve("sessions")).doesNotExist();
        }
    }
}
