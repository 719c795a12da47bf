package dev.sandboxagent.daemon.background;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonFilesTest {

    @TempDir
    Path dir;

    @Test
    void noPidFileIsNotRunning() {
        assertThat(DaemonState.of(DaemonFiles.of(dir, "127.0.0.1", 2468))).isInstanceOf(DaemonState.NotRunning.class);
    }

    @Test
    void aGarbledOrDeadPidIsStale() throws Exception {
        DaemonFiles files = DaemonFiles.of(dir, "127.0.0.1", 2468);
        Files.writeString(files.pidFile(), "not a pid");
        assertThat(DaemonState.of(files)).isEqualTo(new DaemonState.Stale("(unreadable)"));

        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        files.writePid(p.pid());
        assertThat(DaemonState.of(files)).isEqualTo(new DaemonState.Stale(Long.toString(p.pid())));
    }

    @Test
    void aLiveProcessThatIsNotADaemonIsStaleToo() {
        DaemonFiles files = DaemonFiles.of(dir, "127.0.0.1", 2468);
        files.writePid(ProcessHandle.current().pid()); // this test JVM: alive, but no sandbox-daemon server
        assertThat(DaemonState.of(files)).isInstanceOf(DaemonState.Stale.class);
    }

    @Test
    void filesAreWrittenReadAndCleared() throws Exception {
        DaemonFiles files = DaemonFiles.of(dir.resolve("nested"), "127.0.0.1", 2468);
        files.writePid(42);
        files.writeStarted("1.2.3", "http://127.0.0.1:2468");
        assertThat(files.pid()).contains(42L);
        assertThat(files.version()).contains("1.2.3");
        assertThat(files.url()).contains("http://127.0.0.1:2468");
        assertThat(files.listeningUrl()).isEmpty();
        Files.writeString(files.log(), "sandbox-daemon 1.2.3 listening on http://127.0.0.1:40001 (no token)\nb\nc\n");
        assertThat(files.listeningUrl()).contains("http://127.0.0.1:40001");
        assertThat(files.logTail(2)).containsExactly("b", "c");
        files.rotateLog();
        assertThat(files.log()).doesNotExist();
        assertThat(files.dir().resolve("daemon-127.0.0.1-2468.log.1")).hasContent("sandbox-daemon 1.2.3 listening on http://127.0.0.1:40001 (no token)\nb\nc");
        files.clear();
        assertThat(files.hasPidFile()).isFalse();
        assertThat(files.url()).isEmpty();
    }

    @Test
    void eachEndpointHasItsOwnFiles() {
        DaemonFiles a = DaemonFiles.of(dir, "127.0.0.1", 2491);
        DaemonFiles b = DaemonFiles.of(dir, "::1", 2492);
        a.writePid(1);
        b.writePid(2);
        assertThat(a.pidFile().getFileName().toString()).isEqualTo("daemon-127.0.0.1-2491.pid");
        assertThat(b.pidFile().getFileName().toString()).isEqualTo("daemon-__1-2492.pid");
        assertThat(DaemonFiles.all(dir)).containsExactly(a, b);
        a.clear();
        assertThat(DaemonFiles.all(dir)).containsExactly(b);
        assertThat(b.pid()).contains(2L);
    }
}
