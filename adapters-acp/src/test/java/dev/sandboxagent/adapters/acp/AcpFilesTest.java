package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcErrorCodes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.sandboxagent.core.json.Jsons.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** fs/read_text_file and fs/write_text_file stay inside the session's directory. */
class AcpFilesTest {

    @TempDir
    Path root;

    private static JsonObject params(String path, String content) {
        var b = JSON.createObjectBuilder().add("sessionId", "s").add("path", path);
        if (content != null) {
            b.add("content", content);
        }
        return b.build();
    }

    @Test
    void writesAndReadsInsideTheDirectory() throws Exception {
        Path dir = Files.createDirectories(root.resolve("session"));
        AcpFiles files = new AcpFiles(dir);
        AcpFiles.Answer w = files.write(params(dir.resolve("sub/new.txt").toString(), "one\ntwo\nthree\n"));
        assertThat(w.failed()).isFalse();
        assertThat(Files.readString(dir.resolve("sub/new.txt"))).isEqualTo("one\ntwo\nthree\n");
        assertThat(files.write(params("rel.txt", "r")).failed()).isFalse(); // relative: against the directory
        assertThat(Files.readString(dir.resolve("rel.txt"))).isEqualTo("r");

        AcpFiles.Answer all = files.read(params(dir.resolve("sub/new.txt").toString(), null));
        assertThat(Jsons.string(Jsons.object(all.result()), "content")).isEqualTo("one\ntwo\nthree\n");
        JsonObject window = JSON.createObjectBuilder(params(dir.resolve("sub/new.txt").toString(), null))
                .add("line", 2).add("limit", 1).build();
        assertThat(Jsons.string(Jsons.object(files.read(window).result()), "content")).isEqualTo("two");
    }

    @Test
    void aMissingFileIsResourceNotFound() {
        AcpFiles.Answer a = new AcpFiles(root).read(params(root.resolve("nope.txt").toString(), null));
        assertThat(a.errorCode()).isEqualTo(AcpFiles.RESOURCE_NOT_FOUND);
        assertThat(a.errorMessage()).startsWith("Resource not found");
    }

    @Test
    void pathsOutsideTheDirectoryAreRefusedAndNothingIsWritten() throws Exception {
        Path dir = Files.createDirectories(root.resolve("session"));
        Path outside = Files.writeString(root.resolve("secret.txt"), "secret");
        AcpFiles files = new AcpFiles(dir);
        for (String path : new String[] {outside.toString(), "../secret.txt", dir + "/../secret.txt", "/etc/passwd", ""}) {
            assertThat(files.read(params(path, null)).errorCode()).as("read " + path)
                    .isEqualTo(JsonRpcErrorCodes.INVALID_PARAMS);
            assertThat(files.write(params(path, "x")).errorCode()).as("write " + path)
                    .isEqualTo(JsonRpcErrorCodes.INVALID_PARAMS);
        }
        assertThat(Files.readString(outside)).isEqualTo("secret");
    }

    @Test
    void symbolicLinksLeadingOutAreRefused() throws Exception {
        Path dir = Files.createDirectories(root.resolve("session"));
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("f.txt"), "outside");
        Files.createSymbolicLink(dir.resolve("link"), elsewhere);
        AcpFiles files = new AcpFiles(dir);
        assertThat(files.read(params(dir.resolve("link/f.txt").toString(), null)).errorMessage())
                .contains("symbolic link");
        assertThat(files.write(params(dir.resolve("link/new.txt").toString(), "x")).failed()).isTrue();
        assertThat(elsewhere.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aWriteWithoutContentIsRefused() {
        assertThat(new AcpFiles(root).write(params(root.resolve("a.txt").toString(), null)).errorMessage())
                .contains("'content' is required");
    }
}
