package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.testing.TarWriter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workspace's rules without HTTP: what an embedder gets. */
class WorkspaceTest {

    private static final int LIMIT = 20_000;

    @TempDir
    Path dir;
    Path home;
    Path work;
    Workspace ws;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        work = Files.createDirectories(dir.resolve("work"));
        Map<String, Path> sessions = Map.of("s", work);
        ws = new Workspace(home, id -> {
            Path p = sessions.get(id);
            if (p == null) {
                throw SandboxException.sessionNotFound(id);
            }
            return p;
        }, LIMIT);
    }

    private static InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(ThrowingCallable call, ErrorType type, ErrorKind kind, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SandboxException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void relativePathsResolveAgainstTheSessionElseTheHome() {
        assertThat(ws.resolve("a/b.txt", "s", "path")).isEqualTo(work.resolve("a/b.txt"));
        assertThat(ws.resolve("a/b.txt", null, "path")).isEqualTo(home.resolve("a/b.txt"));
        assertThat(ws.resolve("a/b.txt", " ", "path")).isEqualTo(home.resolve("a/b.txt"));
        assertThat(ws.resolveOrBase(null, "s", "path")).isEqualTo(work);
        assertRefused(() -> ws.resolve("../x", "s", "path"), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "'..'");
        assertRefused(() -> ws.resolve("x", "nope", "path"), ErrorType.SESSION_NOT_FOUND, ErrorKind.AS_TYPED, "nope");
    }

    @Test
    void writeIsAtomicCreatesParentsKeepsPermissionsAndFollowsLinks() throws IOException {
        Path f = work.resolve("deep/dir/script.sh");
        assertThat(ws.write(f, body("#!/bin/sh\n"))).isEqualTo(10);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(ws.write(f, body("echo hi\n"))).isEqualTo(8);
        assertThat(Files.readString(f)).isEqualTo("echo hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-x---");
        Path link = Files.createSymbolicLink(work.resolve("link"), f);
        ws.write(link, body("via link"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(f)).isEqualTo("via link");
        try (Stream<Path> left = Files.list(f.getParent())) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactly("script.sh");
        }
    }

    @Test
    void aWriteOverTheLimitLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = work.resolve("f.txt");
        ws.write(f, body("old"));
        assertRefused(() -> ws.write(f, body("x".repeat(LIMIT + 1))), ErrorType.INVALID_REQUEST, ErrorKind.TOO_LARGE,
                "limit of " + LIMIT + " bytes");
        assertRefused(() -> ws.checkDeclaredSize(LIMIT + 1), ErrorType.INVALID_REQUEST, ErrorKind.TOO_LARGE, "limit");
        ws.checkDeclaredSize(-1);
        ws.checkDeclaredSize(LIMIT);
        assertThat(Files.readString(f)).isEqualTo("old");
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).containsExactly(f);
        }
        assertRefused(() -> ws.write(work, body("x")), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "is a directory");
    }

    @Test
    void listStatAndOpen() throws IOException {
        ws.write(work.resolve("b.txt"), body("bbb"));
        ws.mkdir(work.resolve("a"));
        Files.createSymbolicLink(work.resolve("c"), work.resolve("missing"));
        assertThat(ws.list(work)).extracting(FileEntry::name).containsExactly("a", "b.txt", "c");
        FileEntry b = ws.stat(work.resolve("b.txt"));
        assertThat(b.directory()).isFalse();
        assertThat(b.size()).isEqualTo(3);
        assertThat(ws.stat(work.resolve("a")).directory()).isTrue();
        assertRefused(() -> ws.stat(work.resolve("c")), ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND, "c");
        try (OpenFile file = ws.open(work.resolve("b.txt"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(file.copyTo(out)).isEqualTo(3);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("bbb");
            assertThat(file.contentType()).isEqualTo(MimeTypes.of(work.resolve("b.txt")));
        }
        assertRefused(() -> ws.open(work.resolve("a")), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "is a directory");
        assertRefused(() -> ws.list(work.resolve("b.txt")), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "not a directory");
        assertRefused(() -> ws.stat(work.resolve("none")), ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND, "none");
    }

    @Test
    void mkdirMoveAndDeleteFollowTheirRules() throws IOException {
        ws.mkdir(work.resolve("d/e"));
        ws.mkdir(work.resolve("d/e")); // idempotent
        ws.write(work.resolve("f"), body("f"));
        assertRefused(() -> ws.mkdir(work.resolve("f")), ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT, "not a directory");
        assertRefused(() -> ws.mkdir(work.resolve("f/g")), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED,
                "not a directory");

        ws.write(work.resolve("g"), body("g"));
        assertRefused(() -> ws.move(work.resolve("f"), work.resolve("g"), false),
                ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT, "overwrite");
        ws.move(work.resolve("f"), work.resolve("g"), true);
        assertThat(Files.readString(work.resolve("g"))).isEqualTo("f");
        assertRefused(() -> ws.move(work.resolve("g"), work.resolve("d"), true),
                ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT, "not empty");
        assertRefused(() -> ws.move(work.resolve("d"), work.resolve("d/e/x"), false),
                ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "into itself");
        assertRefused(() -> ws.move(work.resolve("gone"), work.resolve("x"), false),
                ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND, "gone");
        ws.move(work.resolve("g"), work.resolve("new/parent/g"), false);
        assertThat(work.resolve("new/parent/g")).hasContent("f");

        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Files.createSymbolicLink(work.resolve("d/e/link"), outside);
        assertRefused(() -> ws.delete(work.resolve("d"), false), ErrorType.INVALID_REQUEST, ErrorKind.CONFLICT,
                "recursive=true");
        ws.delete(work.resolve("d"), true);
        assertThat(work.resolve("d")).doesNotExist();
        assertThat(outside).hasContent("keep");
        assertRefused(() -> ws.delete(Path.of("/"), true), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "root");
        assertRefused(() -> ws.delete(work.resolve("d"), true), ErrorType.INVALID_REQUEST, ErrorKind.NOT_FOUND, "d");
    }

    @Test
    void extractIsAllOrNothing() throws IOException {
        byte[] ok = new TarWriter().dir("src/").file("src/a.txt", "alpha").file("b.txt", "beta").gzipped();
        TarUpload.Result r = ws.extract(work.resolve("t"), new ByteArrayInputStream(ok));
        assertThat(r.paths()).containsExactly(work.resolve("t/src/a.txt"), work.resolve("t/b.txt"));
        assertThat(r.truncated()).isFalse();
        assertThat(work.resolve("t/src/a.txt")).hasContent("alpha");

        byte[] escaping = new TarWriter().file("fine.txt", "x").file("../evil.txt", "x").bytes();
        assertRefused(() -> ws.extract(work.resolve("u"), new ByteArrayInputStream(escaping)),
                ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "..");
        try (Stream<Path> left = Files.list(work.resolve("u"))) {
            assertThat(left).isEmpty(); // not even fine.txt, nor the staging directory
        }
        byte[] bomb = new TarWriter().file("zeros", new byte[3 * LIMIT], 0644).gzipped(); // a small body
        assertThat(bomb.length).isLessThan(LIMIT);
        assertRefused(() -> ws.extract(work.resolve("v"), new ByteArrayInputStream(bomb)),
                ErrorType.INVALID_REQUEST, ErrorKind.TOO_LARGE, "limit");
        assertRefused(() -> ws.extract(work.resolve("w"), new ByteArrayInputStream("not a tar".repeat(100)
                .getBytes(StandardCharsets.UTF_8))), ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "tar");
        Files.writeString(work.resolve("file"), "x");
        assertRefused(() -> ws.extract(work.resolve("file"), new ByteArrayInputStream(ok)),
                ErrorType.INVALID_REQUEST, ErrorKind.AS_TYPED, "not a directory");
    }

    @Test
    void ioFailuresAreTyped() {
        assertThat(FileFailures.of(new java.nio.file.AccessDeniedException("/x"), Path.of("/x")).type())
                .isEqualTo(ErrorType.PERMISSION_DENIED);
        SandboxException other = FileFailures.of(new java.nio.file.FileSystemException("/x", null, "No space left"),
                Path.of("/x"));
        assertThat(other.type()).isEqualTo(ErrorType.STREAM_ERROR);
        assertThat(other.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(other.detail()).contains("No space left");
    }
}
