package dev.sandboxagent.client;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fs routes through the client: every operation, relative to the home and to a session. */
class SandboxFilesTest {

    @TempDir
    Path dir;
    private LocalDaemon daemon;
    private SandboxClient client;

    @BeforeEach
    void start() {
        daemon = new LocalDaemon(dir, "t");
        client = SandboxClient.connect(daemon.uri(), "t");
    }

    @AfterEach
    void stop() {
        client.close();
        daemon.close();
    }

    @Test
    void writeReadStatListMoveDelete() throws Exception {
        SandboxFiles fs = client.files();
        assertThat(fs.mkdir("a/b")).isEqualTo(daemon.home.resolve("a/b").toString());
        assertThat(fs.write("a/b/one.txt", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(5);
        Path local = Files.writeString(dir.resolve("local.txt"), "from a file");
        assertThat(fs.write("a/two.txt", local)).isEqualTo(11);
        try (InputStream in = fs.read("a/b/one.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        FileEntry stat = fs.stat("a/two.txt");
        assertThat(stat.name()).isEqualTo("two.txt");
        assertThat(stat.directory()).isFalse();
        assertThat(stat.size()).isEqualTo(11);
        assertThat(fs.list("a")).extracting(FileEntry::name).containsExactlyInAnyOrder("b", "two.txt");
        fs.move("a/two.txt", "a/b/three.txt", false);
        assertThat(Files.readString(daemon.home.resolve("a/b/three.txt"))).isEqualTo("from a file");
        assertThatThrownBy(() -> fs.move("a/b/one.txt", "a/b/three.txt", false))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        assertThatThrownBy(() -> fs.delete("a", false))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
        fs.delete("a", true);
        assertThat(daemon.home.resolve("a")).doesNotExist();
        assertThatThrownBy(() -> fs.read("a/b/one.txt"))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void relativeToASessionAndTarUpload() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        client.sessions().createSession("s", new CreateSessionRequest("mock", null, null, work.toString(), null, null,
                null, null, null, null));
        SandboxFiles fs = client.files().inSession("s");
        SandboxFiles.Upload up = fs.uploadTar("up", new ByteArrayInputStream(tar("x.txt", "tarred")));
        assertThat(up.truncated()).isFalse();
        assertThat(up.paths()).containsExactly(work.resolve("up/x.txt").toString());
        assertThat(Files.readString(work.resolve("up/x.txt"))).isEqualTo("tarred");
        assertThat(fs.list("up")).extracting(FileEntry::path).containsExactly(work.resolve("up/x.txt").toString());
        assertThatThrownBy(() -> client.files().inSession("nope").list(null))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.SESSION_NOT_FOUND));
    }

    /** A one-file ustar archive. */
    private static byte[] tar(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", data.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }
}
