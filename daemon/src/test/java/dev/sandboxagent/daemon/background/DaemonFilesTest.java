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
        assertThat(DaemonState.of(new DaemonFiles(dir))).isInstanceOf(DaemonState.NotRunning.class);
    }

    @Test
    void aGarbledOrDeadPidIsStale() throws Exception {
        DaemonFiles files = new DaemonFiles(dir);
        Files.writeString(files.pidFile(), "not a pid");
        assertThat(DaemonState.of(files)).isEqualTo(new DaemonState.Stale("(unreadable)"));

        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        files.writePid(p.pid());
        assertThat(DaemonState.of(files)).isEqualTo(new DaemonState.Stale(Long.toString(p.pid())));
    }

    @Test
    void aLiveProcessThatIsNotADaemonIsStaleToo() {
        DaemonFiles files = new DaemonFiles(dir);
        files.writePid(ProcessHandle.current().pid()); // this test JVM: alive, but no sandbox-daemon server
        assertThat(DaemonState.of(files)).isInstanceOf(DaemonState.Stale.class);
    }

    @Test
    void filesAreWrittenReadAndCleared() throws Exception {
        DaemonFiles files = new DaemonFiles(dir.resolve("nested"));
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
        assertThat(files.dir().resolve("daemon.log.1")).hasContent("sandbox-daemon 1.2.3 listening on http://127.0.0.1:40001 (no token)\nb\nc");
        files.clear();
        assertThat(files.hasPidFile()).isFalse();
        assertThat(files.url()).isEmpty();
    }
}
