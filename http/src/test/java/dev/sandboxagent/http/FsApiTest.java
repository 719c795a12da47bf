package dev.sandboxagent.http;

import dev.sandboxagent.core.testing.TarWriter;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static dev.sandboxagent.http.SessionsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The /v1/fs file and directory routes: happy paths, bad paths, traversal attempts, session-relative
 * paths (tar uploads: {@link FsUploadApiTest}).
 */
class FsApiTest extends FsApiHarness {

    // ---- read and write --------------------------------------------------------------------

    @Test
    void writeThenReadRelativeToTheSession() throws Exception {
        var written = put("path=notes/today.txt&session_id=s", "hello fs");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        JsonObject w = TestServer.parse(written.body());
        assertThat(w.getString("path")).isEqualTo(work.resolve("notes/today.txt").toString());
        assertThat(w.getJsonNumber("bytesWritten").longValue()).isEqualTo(8);
        assertThat(Files.readString(work.resolve("notes/today.txt"))).isEqualTo("hello fs"); // parents created

        var back = read("path=notes/today.txt&session_id=s");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("hello fs");
        assertThat(back.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(back.headers().firstValue("Content-Length")).hasValue("8");
        // the camelCase spelling of the reference's docs works too
        assertThat(read("path=notes/today.txt&sessionId=s").statusCode()).isEqualTo(200);
        // no leftovers of the temporary file
        try (var files = Files.list(work.resolve("notes"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("today.txt");
        }
    }

    @Test
    void withoutASessionRelativePathsUseTheDaemonHome() throws Exception {
        assertThat(put("path=in-home.bin", new byte[]{1, 2, 3}).statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(t.home.resolve("in-home.bin"))).containsExactly(1, 2, 3);
        var back = read("path=in-home.bin");
        assertThat(back.body()).containsExactly(1, 2, 3);
        assertThat(back.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    }

    @Test
    void contentTypeFollowsTheExtension() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        Files.write(work.resolve("pic.png"), png);
        Files.writeString(work.resolve("data.json"), "{}");
        Files.writeString(work.resolve("blob.zzunknown"), "?");
        assertThat(read("path=pic.png&session_id=s").headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(read("path=pic.png&session_id=s").body()).isEqualTo(png);
        assertThat(read("path=data.json&session_id=s").headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(read("path=blob.zzunknown&session_id=s").headers().firstValue("Content-Type"))
                .hasValue("application/octet-stream");
    }

    @Test
    void overwritingKeepsPermissionsAndAnEmptyBodyWritesAnEmptyFile() throws Exception {
        Path script = work.resolve("run.sh");
        Files.writeString(script, "echo old");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(put("path=run.sh&session_id=s", "echo new").statusCode()).isEqualTo(200);
        assertThat(Files.readString(script)).isEqualTo("echo new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");

        var empty = put("path=empty.txt&session_id=s", new byte[0]);
        assertThat(TestServer.parse(empty.body()).getInt("bytesWritten")).isZero();
        assertThat(Files.size(work.resolve("empty.txt"))).isZero();
    }

    @Test
    void writingThroughASymlinkWritesItsTarget() throws Exception {
        Path real = Files.writeString(work.resolve("real.txt"), "old");
        Files.createSymbolicLink(work.resolve("alias.txt"), real);
        assertThat(put("path=alias.txt&session_id=s", "new").statusCode()).isEqualTo(200);
        assertThat(Files.isSymbolicLink(work.resolve("alias.txt"))).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void readAndWriteErrors() throws Exception {
        Files.createDirectories(work.resolve("adir"));
        assertProblem(t.get("/v1/fs/file?path=missing.txt&session_id=s"), 404, "invalid_request");
        assertProblem(t.get("/v1/fs/file?path=adir&session_id=s"), 400, "invalid_request");
        assertProblem(t.get("/v1/fs/file?session_id=s"), 400, "invalid_request"); // path is required
        assertProblem(put("path=adir&session_id=s", "x"), 400, "invalid_request");
        Files.writeString(work.resolve("plain"), "x");
        assertProblem(put("path=plain/below.txt&session_id=s", "x"), 400, "invalid_request"); // a file as a parent
        assertProblem(t.get("/v1/fs/file?path=x&session_id=nobody"), 404, "session_not_found");
        assertProblem(put("path=x&session_id=nobody", "x"), 404, "session_not_found");
        assertThat(work.resolve("x")).doesNotExist();
    }

    // ---- listing and stat ------------------------------------------------------------------

    @Test
    void entriesListADirectorySortedByName() throws Exception {
        Files.createDirectories(work.resolve("src/main"));
        Files.writeString(work.resolve("b.txt"), "bbb");
        Files.writeString(work.resolve("a.txt"), "a");
        Files.createSymbolicLink(work.resolve("dangling"), work.resolve("nowhere"));
        var res = t.get("/v1/fs/entries?path=.&session_id=s");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonArray entries = (JsonArray) TestServer.parseAny(res.body());
        assertThat(entries.stream().map(v -> v.asJsonObject().getString("name")))
                .containsExactly("a.txt", "b.txt", "dangling", "src");
        JsonObject b = entries.getJsonObject(1);
        assertThat(b.getString("path")).isEqualTo(work.resolve("b.txt").toString());
        assertThat(b.getString("entryType")).isEqualTo("file");
        assertThat(b.getInt("size")).isEqualTo(3);
        assertThat(Instant.parse(b.getString("modified"))).isAfter(Instant.now().minusSeconds(600));
        assertThat(entries.getJsonObject(3).getString("entryType")).isEqualTo("directory");

        // the path defaults to the session's directory, or to the home
        assertThat(t.get("/v1/fs/entries?session_id=s").body()).isEqualTo(res.body());
        Files.writeString(t.home.resolve("home-file"), "h");
        assertThat(t.get("/v1/fs/entries").body()).contains("\"name\":\"home-file\"");
        assertThat(((JsonArray) TestServer.parseAny(t.get("/v1/fs/entries?path=src/main&session_id=s").body()))).isEmpty();

        assertProblem(t.get("/v1/fs/entries?path=nope&session_id=s"), 404, "invalid_request");
        assertProblem(t.get("/v1/fs/entries?path=a.txt&session_id=s"), 400, "invalid_request");
        assertProblem(t.get("/v1/fs/entries?session_id=nobody"), 404, "session_not_found");
    }

    @Test
    void statOfFilesAndDirectories() throws Exception {
        Files.writeString(work.resolve("f.txt"), "12345");
        JsonObject f = TestServer.parse(t.get("/v1/fs/stat?path=f.txt&session_id=s").body());
        assertThat(f.getString("path")).isEqualTo(work.resolve("f.txt").toString());
        assertThat(f.getString("entryType")).isEqualTo("file");
        assertThat(f.getInt("size")).isEqualTo(5);
        assertThat(f.containsKey("name")).isFalse();
        assertThat(f.getString("modified")).isNotBlank();
        JsonObject d = TestServer.parse(t.get("/v1/fs/stat?path=" + q(work.toString())).body());
        assertThat(d.getString("entryType")).isEqualTo("directory");
        assertProblem(t.get("/v1/fs/stat?path=gone&session_id=s"), 404, "invalid_request");
        assertProblem(t.get("/v1/fs/stat"), 400, "invalid_request");
    }

    // ---- mkdir, move, delete ---------------------------------------------------------------

    @Test
    void mkdirCreatesParentsAndIsIdempotent() throws Exception {
        var res = post("/v1/fs/mkdir?path=a/b/c&session_id=s");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestServer.parse(res.body()).getString("path")).isEqualTo(work.resolve("a/b/c").toString());
        assertThat(work.resolve("a/b/c")).isDirectory();
        assertThat(post("/v1/fs/mkdir?path=a/b/c&session_id=s").statusCode()).isEqualTo(200);
        Files.writeString(work.resolve("file"), "x");
        assertProblem(post("/v1/fs/mkdir?path=file&session_id=s"), 409, "invalid_request");
        assertProblem(post("/v1/fs/mkdir?path=file/sub&session_id=s"), 400, "invalid_request");
        assertProblem(post("/v1/fs/mkdir?session_id=s"), 400, "invalid_request");
    }

    @Test
    void moveRenamesAndOverwritesOnlyWhenAsked() throws Exception {
        Files.writeString(work.resolve("a.txt"), "A");
        Files.writeString(work.resolve("b.txt"), "B");
        var refused = t.post("/v1/fs/move?session_id=s", "{\"from\":\"a.txt\",\"to\":\"b.txt\"}");
        assertProblem(refused, 409, "invalid_request");
        assertThat(Files.readString(work.resolve("b.txt"))).isEqualTo("B");

        var moved = t.post("/v1/fs/move?session_id=s", "{\"from\":\"a.txt\",\"to\":\"b.txt\",\"overwrite\":true}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonObject m = TestServer.parse(moved.body());
        assertThat(m.getString("from")).isEqualTo(work.resolve("a.txt").toString());
        assertThat(m.getString("to")).isEqualTo(work.resolve("b.txt").toString());
        assertThat(work.resolve("a.txt")).doesNotExist();
        assertThat(Files.readString(work.resolve("b.txt"))).isEqualTo("A");

        // into a new directory, and a whole directory
        assertThat(t.post("/v1/fs/move?session_id=s", "{\"from\":\"b.txt\",\"to\":\"new/dir/b.txt\"}").statusCode())
                .isEqualTo(200);
        assertThat(t.post("/v1/fs/move?session_id=s", "{\"from\":\"new\",\"to\":\"renamed\"}").statusCode()).isEqualTo(200);
        assertThat(Files.readString(work.resolve("renamed/dir/b.txt"))).isEqualTo("A");

        // a non-empty directory is not replaced even with overwrite
        Files.writeString(work.resolve("c.txt"), "C");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"c.txt\",\"to\":\"renamed\",\"overwrite\":true}"),
                409, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"renamed\",\"to\":\"renamed/dir/inside\"}"),
                400, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"missing\",\"to\":\"x\"}"), 404, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"c.txt\"}"), 400, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"c.txt\",\"to\":5}"), 400, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"c.txt\",\"to\":\"d\",\"overwrite\":\"yes\"}"),
                400, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "not json"), 400, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"c.txt\",\"to\":\"c.txt\"}"), 400, "invalid_request");
        assertProblem(t.post("/v1/fs/move?session_id=nobody", "{\"from\":\"c.txt\",\"to\":\"d\"}"), 404, "session_not_found");
        assertThat(Files.readString(work.resolve("c.txt"))).isEqualTo("C");
    }

    @Test
    void deleteFilesAndDirectories() throws Exception {
        Files.writeString(work.resolve("f.txt"), "x");
        var res = t.delete("/v1/fs/entry?path=f.txt&session_id=s");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestServer.parse(res.body()).getString("path")).isEqualTo(work.resolve("f.txt").toString());
        assertThat(work.resolve("f.txt")).doesNotExist();

        Files.createDirectories(work.resolve("empty"));
        assertThat(t.delete("/v1/fs/entry?path=empty&session_id=s").statusCode()).isEqualTo(200);

        Path outside = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("keep.txt"), "keep");
        Files.createDirectories(work.resolve("tree/sub"));
        Files.writeString(work.resolve("tree/sub/x.txt"), "x");
        Files.createSymbolicLink(work.resolve("tree/link-out"), outside.getParent());
        assertProblem(t.delete("/v1/fs/entry?path=tree&session_id=s"), 409, "invalid_request");
        assertThat(work.resolve("tree/sub/x.txt")).exists();
        assertProblem(t.delete("/v1/fs/entry?path=tree&session_id=s&recursive=maybe"), 400, "invalid_request");
        assertThat(t.delete("/v1/fs/entry?path=tree&session_id=s&recursive=true").statusCode()).isEqualTo(200);
        assertThat(work.resolve("tree")).doesNotExist();
        assertThat(outside).hasContent("keep"); // the link was removed, not what it pointed to

        assertProblem(t.delete("/v1/fs/entry?path=tree&session_id=s"), 404, "invalid_request");
        assertProblem(t.delete("/v1/fs/entry?path=/&recursive=true"), 400, "invalid_request");
        assertProblem(t.delete("/v1/fs/entry?session_id=s"), 400, "invalid_request");
    }

    // ---- traversal -------------------------------------------------------------------------

    @Test
    void relativePathsCannotClimbOutOfTheSessionDirectory() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret"); // the parent of the session's directory
        // plain, percent-encoded, mixed and backslash forms of '..'
        for (String path : new String[]{"../secret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt", "a/../../secret.txt",
                "..%2fsecret.txt", "..", "..%5csecret.txt", "./a/b/../../../secret.txt"}) {
            String query = "path=" + path + "&session_id=s";
            assertProblem(t.get("/v1/fs/file?" + query), 400, "invalid_request");
            assertProblem(t.get("/v1/fs/stat?" + query), 400, "invalid_request");
            assertProblem(t.get("/v1/fs/entries?" + query), 400, "invalid_request");
            assertProblem(put(query, "overwritten"), 400, "invalid_request");
            assertProblem(post("/v1/fs/mkdir?" + query), 400, "invalid_request");
            assertProblem(t.delete("/v1/fs/entry?" + query), 400, "invalid_request");
            assertProblem(upload(query, new TarWriter().file("x", "x").bytes()), 400, "invalid_request");
        }
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"../secret.txt\",\"to\":\"stolen.txt\"}"),
                400, "invalid_request");
        Files.writeString(work.resolve("mine.txt"), "mine");
        assertProblem(t.post("/v1/fs/move?session_id=s", "{\"from\":\"mine.txt\",\"to\":\"../mine.txt\"}"),
                400, "invalid_request");
        // the same without a session: the home is the base
        assertProblem(t.get("/v1/fs/file?path=../secret.txt"), 400, "invalid_request");
        assertProblem(t.get("/v1/fs/file?path=" + q("a\0b")), 400, "invalid_request");
        assertThat(secret).hasContent("secret");
        assertThat(dir.resolve("mine.txt")).doesNotExist();
        // a double-encoded '..' is a plain name inside the session's directory
        assertThat(put("path=%252e%252e/inside.txt&session_id=s", "in").statusCode()).isEqualTo(200);
        assertThat(work.resolve("%2e%2e/inside.txt")).hasContent("in");
    }

    @Test
    void absolutePathsAreUsedAsGivenEvenWithASession() throws Exception {
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        String abs = q(other.resolve("abs.txt").toString());
        var res = put("path=" + abs + "&session_id=s", "absolute");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestServer.parse(res.body()).getString("path")).isEqualTo(other.resolve("abs.txt").toString());
        assertThat(other.resolve("abs.txt")).hasContent("absolute");
        assertThat(new String(read("path=" + abs + "&session_id=s").body(), StandardCharsets.UTF_8)).isEqualTo("absolute");
        // an absolute path with '..' in it is normalised, not refused: it names what it names
        String viaDotDot = q(work.resolve("../elsewhere/abs.txt").toString());
        assertThat(t.get("/v1/fs/stat?path=" + viaDotDot + "&session_id=s").statusCode()).isEqualTo(200);
    }
}
