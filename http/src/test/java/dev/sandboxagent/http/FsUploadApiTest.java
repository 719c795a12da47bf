package dev.sandboxagent.http;

import dev.sandboxagent.core.files.TarUpload;
import dev.sandboxagent.core.testing.TarWriter;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.sandboxagent.http.SessionsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/fs/upload-batch}: tar extraction, limits, escapes, symlinks, bad archives. */
class FsUploadApiTest extends FsApiHarness {

    @Test
    void uploadBatchExtractsATar() throws Exception {
        byte[] tar = new TarWriter().dir("./").dir("src/").file("src/Main.java", "class Main {}")
                .file("README.md", "# hi").file("bin/run.sh", "echo run".getBytes(StandardCharsets.UTF_8), 0755)
                .gnuLongName("deep/".repeat(30) + "long.txt", "long").dir("empty-dir/").bytes();
        var res = upload("path=project&session_id=s", tar);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonObject r = TestServer.parse(res.body());
        Path project = work.resolve("project");
        assertThat(r.getBoolean("truncated")).isFalse();
        assertThat(r.getJsonArray("paths").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)).containsExactly(
                project.resolve("src/Main.java").toString(), project.resolve("README.md").toString(),
                project.resolve("bin/run.sh").toString(), project.resolve("deep/".repeat(30) + "long.txt").toString());
        assertThat(project.resolve("src/Main.java")).hasContent("class Main {}");
        assertThat(project.resolve("empty-dir")).isDirectory();
        assertThat(Files.isExecutable(project.resolve("bin/run.sh"))).isTrue();
        try (var files = Files.list(project)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".sandbox-upload"));
        }
        // a second upload merges into what is there, replacing same-named files
        var again = upload("path=project&session_id=s", new TarWriter().file("README.md", "# new").file("src/Other.java", "x")
                .gzipped());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(project.resolve("README.md")).hasContent("# new");
        assertThat(project.resolve("src/Main.java")).exists();
        assertThat(project.resolve("src/Other.java")).exists();
    }

    @Test
    void uploadBatchWithoutAPathUsesTheBaseAndListsAtMost1024Paths() throws Exception {
        TarWriter many = new TarWriter();
        for (int i = 0; i < TarUpload.MAX_LISTED + 6; i++) {
            many.file("many/f" + i + ".txt", "x");
        }
        var res = upload("session_id=s", many.bytes());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonObject r = TestServer.parse(res.body());
        assertThat(r.getBoolean("truncated")).isTrue();
        assertThat(r.getJsonArray("paths")).hasSize(TarUpload.MAX_LISTED);
        try (var files = Files.list(work.resolve("many"))) {
            assertThat(files.count()).isEqualTo(TarUpload.MAX_LISTED + 6);
        }
        var home = upload("", new TarWriter().file("at-home.txt", "h").bytes());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(t.home.resolve("at-home.txt")).hasContent("h");
        // an empty body is an empty archive
        assertThat(TestServer.parse(upload("path=nothing&session_id=s", new byte[0]).body()).getJsonArray("paths")).isEmpty();
    }

    @Test
    void uploadBatchRefusesEntriesThatEscapeAndExtractsNothingThen() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        record Case(String what, byte[] tar) {
        }
        List<Case> cases = List.of(
                new Case("dot-dot", new TarWriter().file("ok.txt", "ok").file("../escaped.txt", "x").bytes()),
                new Case("nested dot-dot", new TarWriter().file("ok.txt", "ok").file("a/../../escaped.txt", "x").bytes()),
                new Case("absolute", new TarWriter().file("ok.txt", "ok").file(outside.resolve("abs.txt").toString(), "x").bytes()),
                new Case("symlink", new TarWriter().file("ok.txt", "ok").symlink("link", outside.toString())
                        .file("link/through.txt", "x").bytes()),
                new Case("relative symlink", new TarWriter().file("ok.txt", "ok").symlink("up", "..").bytes()),
                new Case("hardlink", new TarWriter().file("ok.txt", "ok").hardlink("hard", "/etc/passwd").bytes()),
                new Case("fifo", new TarWriter().file("ok.txt", "ok").fifo("pipe").bytes()),
                new Case("pax dot-dot", new TarWriter().file("ok.txt", "ok").paxPath("../pax-escaped.txt", "x").bytes()),
                new Case("gnu long dot-dot", new TarWriter().file("ok.txt", "ok")
                        .gnuLongName("../" + "l".repeat(120), "x").bytes()),
                new Case("gzipped dot-dot", new TarWriter().file("ok.txt", "ok").file("../escaped.txt", "x").gzipped()));
        for (Case c : cases) {
            var res = upload("path=up&session_id=s", c.tar());
            assertProblem(res, 400, "invalid_request");
            assertThat(TestServer.parse(res.body()).getString("detail")).as(c.what()).isNotBlank();
            assertThat(work.resolve("up/ok.txt")).as(c.what() + ": nothing is extracted").doesNotExist();
        }
        assertThat(work.resolve("escaped.txt")).doesNotExist();
        assertThat(work.resolve("pax-escaped.txt")).doesNotExist();
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        try (var files = Files.list(work.resolve("up"))) {
            assertThat(files).as("no staging directory is left").isEmpty();
        }
    }

    @Test
    void uploadBatchNeverWritesThroughAnExistingSymlinkOutOfTheTarget() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path target = Files.createDirectories(work.resolve("up"));
        Files.createSymbolicLink(target.resolve("escape"), outside);
        Files.createDirectories(target.resolve("real"));
        Files.createSymbolicLink(target.resolve("inside-link"), target.resolve("real"));
        var res = upload("path=up&session_id=s", new TarWriter().file("first.txt", "1").file("escape/evil.txt", "x").bytes());
        assertProblem(res, 400, "invalid_request");
        assertThat(outside.resolve("evil.txt")).doesNotExist();
        assertThat(target.resolve("first.txt")).doesNotExist();
        // a link that stays inside the target is fine
        var ok = upload("path=up&session_id=s", new TarWriter().file("inside-link/fine.txt", "fine").bytes());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(target.resolve("real/fine.txt")).hasContent("fine");
        // a file entry replaces a link itself, never its target
        Path victim = Files.writeString(outside.resolve("victim.txt"), "safe");
        Files.createSymbolicLink(target.resolve("file-link"), victim);
        assertThat(upload("path=up&session_id=s", new TarWriter().file("file-link", "replaced").bytes()).statusCode())
                .isEqualTo(200);
        assertThat(victim).hasContent("safe");
        assertThat(Files.isSymbolicLink(target.resolve("file-link"))).isFalse();
    }

    @Test
    void uploadBatchBadArchivesAndConflicts() throws Exception {
        assertProblem(upload("path=up&session_id=s", "this is not a tar archive at all".getBytes(StandardCharsets.UTF_8)),
                400, "invalid_request");
        byte[] gz = new TarWriter().file("a", "a").gzipped();
        byte[] brokenGz = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertProblem(upload("path=up&session_id=s", brokenGz), 400, "invalid_request");
        assertProblem(upload("path=up&session_id=s", new TarWriter().corruptHeader("x").bytes()), 400, "invalid_request");
        Files.writeString(work.resolve("a-file"), "x");
        assertProblem(upload("path=a-file&session_id=s", new TarWriter().file("a", "a").bytes()), 400, "invalid_request");
        Files.createDirectories(work.resolve("up2/taken"));
        assertProblem(upload("path=up2&session_id=s", new TarWriter().file("taken", "file over a dir").bytes()),
                409, "invalid_request");
        Files.writeString(work.resolve("up2/plain"), "x");
        assertProblem(upload("path=up2&session_id=s", new TarWriter().file("plain/below", "x").bytes()),
                409, "invalid_request");
        assertProblem(upload("path=up&session_id=nobody", new TarWriter().file("a", "a").bytes()), 404, "session_not_found");
    }
}
