package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.MimeTypes;
import dev.sandboxagent.core.files.PathRules;
import dev.sandboxagent.core.json.JsonFields;
import dev.sandboxagent.core.port.SessionService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * /v1/fs: list, stat, read, write, mkdir, move and delete files, and extract a tar upload.
 * Paths follow {@link PathRules}: absolute as given, relative against the session's directory
 * ({@code session_id}) or else the daemon's home, never climbing out with {@code ..}. File
 * bodies stream both ways: a read is copied from disk to the socket, a write from the socket to
 * a temporary file beside the target that replaces it only when complete; neither is ever held
 * in memory. Uploads (file and archive) are limited to {@code maxUploadBytes}.
 */
final class FsResource implements ApiResource {

    private static final System.Logger LOG = System.getLogger(FsResource.class.getName());
    private static final int BUFFER = 64 * 1024;

    private final SessionService sessions;
    private final Path home;
    private final long maxUploadBytes;

    FsResource(SessionService sessions, Path home, long maxUploadBytes) {
        this.sessions = sessions;
        this.home = home.toAbsolutePath().normalize();
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public String prefix() {
        return "/v1/fs";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(Method.GET, "/entries", this::entries),
                new Endpoint(Method.GET, "/file", this::readFile),
                new Endpoint(Method.PUT, "/file", this::writeFile),
                new Endpoint(Method.DELETE, "/entry", this::delete),
                new Endpoint(Method.POST, "/mkdir", this::mkdir),
                new Endpoint(Method.POST, "/move", this::move),
                new Endpoint(Method.GET, "/stat", this::stat),
                new Endpoint(Method.POST, "/upload-batch", this::uploadBatch));
    }

    // ---- routes ----------------------------------------------------------------------------

    private void entries(ServerRequest req, ServerResponse res) {
        Path dir = PathRules.resolveOrBase(QueryParams.query(req, "path").orElse(null), base(req), "path");
        BasicFileAttributes attrs = attributes(dir);
        if (!attrs.isDirectory()) {
            throw SandboxException.invalid("'" + dir + "' is a file, not a directory");
        }
        List<JsonObject> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                entries.add(entry(child, true));
            }
        } catch (IOException e) {
            throw FsErrors.of(e, dir);
        }
        entries.sort(Comparator.comparing((JsonObject o) -> o.getString("name")));
        JsonArrayBuilder array = Jsons.JSON.createArrayBuilder();
        entries.forEach(array::add);
        JsonResponses.raw(res, array.build().toString());
    }

    private void stat(ServerRequest req, ServerResponse res) {
        Path p = required(req, "path");
        attributes(p); // 404 when missing
        JsonResponses.raw(res, entry(p, false).toString());
    }

    private void readFile(ServerRequest req, ServerResponse res) {
        Path p = required(req, "path");
        BasicFileAttributes attrs = attributes(p);
        if (attrs.isDirectory()) {
            throw SandboxException.invalid("'" + p + "' is a directory; list it with GET /v1/fs/entries");
        }
        if (!attrs.isRegularFile()) {
            throw SandboxException.invalid("'" + p + "' is not a regular file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(p);
        } catch (IOException e) {
            throw FsErrors.of(e, p);
        }
        try (in) {
            res.header(HeaderNames.CONTENT_TYPE, MimeTypes.of(p));
            res.contentLength(attrs.size());
            try (OutputStream out = res.outputStream()) {
                copy(in, out, attrs.size());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            if (!res.isSent()) {
                throw FsErrors.of(e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause(), p);
            }
            // the status line is gone once the copy has begun: the client sees a short body (or went away)
            LOG.log(System.Logger.Level.DEBUG, "reading " + p + " ended early", e);
        }
    }

    private void writeFile(ServerRequest req, ServerResponse res) {
        Path p = required(req, "path");
        refuseDeclaredTooLarge(req);
        if (Files.isDirectory(p)) {
            throw SandboxException.invalid("'" + p + "' is a directory; a file cannot replace it");
        }
        Path target = p;
        if (Files.isSymbolicLink(p) && Files.exists(p)) {
            try {
                target = p.toRealPath(); // write through the link, as a shell redirection would
            } catch (IOException e) {
                throw FsErrors.of(e, p);
            }
        }
        long written = writeAtomically(req, target);
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("path", p.toString()).add("bytesWritten", written)
                .build().toString());
    }

    private void mkdir(ServerRequest req, ServerResponse res) {
        Path p = required(req, "path");
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 409, "'" + p + "' exists and is not a directory", null);
        }
        createDirectories(p);
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("path", p.toString()).build().toString());
    }

    private void move(ServerRequest req, ServerResponse res) {
        Path base = base(req);
        JsonObject body = JsonBodies.object(req, false);
        String fromRaw;
        String toRaw;
        boolean overwrite;
        try {
            fromRaw = JsonFields.optString(body, "from");
            toRaw = JsonFields.optString(body, "to");
            overwrite = JsonFields.optBoolean(body, "overwrite", false);
        } catch (IllegalArgumentException e) {
            throw SandboxException.invalid(e.getMessage());
        }
        Path from = PathRules.resolve(fromRaw, base, "from");
        Path to = PathRules.resolve(toRaw, base, "to");
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw FsErrors.notFound(from);
        }
        if (from.equals(to)) {
            throw SandboxException.invalid("'from' and 'to' are the same path: " + from);
        }
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS) && to.startsWith(from)) {
            throw SandboxException.invalid("cannot move directory '" + from + "' into itself ('" + to + "')");
        }
        boolean exists = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
        if (exists && !overwrite) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 409, "'" + to
                    + "' already exists; pass \"overwrite\": true to replace it", null);
        }
        if (to.getParent() != null) {
            createDirectories(to.getParent());
        }
        try {
            if (exists) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 409, "'" + to
                    + "' is a directory that is not empty; overwrite replaces only files and empty directories", e);
        } catch (IOException e) {
            throw FsErrors.of(e, from);
        }
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("from", from.toString()).add("to", to.toString())
                .build().toString());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Path p = required(req, "path");
        boolean recursive = QueryParams.bool(req, "recursive");
        if (p.getParent() == null) {
            throw SandboxException.invalid("refusing to delete the root directory '" + p + "'");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw FsErrors.notFound(p);
        }
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && recursive) {
                deleteTree(p);
            } else {
                Files.delete(p); // a symbolic link is removed, never what it points to
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw new SandboxException(ErrorType.INVALID_REQUEST, 409, "directory '" + p
                    + "' is not empty; pass recursive=true to delete it with its contents", e);
        } catch (IOException e) {
            throw FsErrors.of(e, p);
        }
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("path", p.toString()).build().toString());
    }

    private void uploadBatch(ServerRequest req, ServerResponse res) {
        Path target = PathRules.resolveOrBase(QueryParams.query(req, "path").orElse(null), base(req), "path");
        refuseDeclaredTooLarge(req);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw SandboxException.invalid("'" + target + "' is a file, not a directory to extract into");
        }
        createDirectories(target);
        TarUpload.Result result;
        try (InputStream body = body(req)) {
            result = TarUpload.extract(body, target, maxUploadBytes);
        } catch (IOException e) {
            throw FsErrors.of(e, target);
        }
        JsonArrayBuilder paths = Jsons.JSON.createArrayBuilder();
        result.paths().forEach(p -> paths.add(p.toString()));
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("paths", paths).add("truncated", result.truncated())
                .build().toString());
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Where relative paths resolve: the session's directory, else the daemon's home. */
    private Path base(ServerRequest req) {
        Optional<String> sessionId = QueryParams.query(req, "session_id").or(() -> QueryParams.query(req, "sessionId"))
                .filter(s -> !s.isBlank());
        if (sessionId.isEmpty()) {
            return home;
        }
        String dir = sessions.getSession(sessionId.get()).directory(); // 404 session_not_found
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private Path required(ServerRequest req, String name) {
        return PathRules.resolve(QueryParams.query(req, name).orElse(null), base(req), name);
    }

    /** Creates a directory and its parents; a file in the way (the path or an ancestor) is a 400. */
    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw SandboxException.invalid("'" + (e.getFile() != null ? e.getFile() : dir)
                    + "' is a file, not a directory, so '" + dir + "' cannot be created");
        } catch (IOException e) {
            throw FsErrors.of(e, dir);
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw FsErrors.of(e, p);
        }
    }

    /** An FsEntry (with name) or FsStat (without); symbolic links are described by their target. */
    private static JsonObject entry(Path p, boolean withName) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS); // a broken link
            } catch (IOException again) {
                throw FsErrors.of(again, p);
            }
        }
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        if (withName) {
            b.add("name", String.valueOf(p.getFileName()));
        }
        b.add("path", p.toString())
                .add("entryType", a.isDirectory() ? "directory" : "file")
                .add("size", a.isDirectory() ? 0 : a.size())
                .add("modified", a.lastModifiedTime().toInstant().toString());
        return b.build();
    }

    private void refuseDeclaredTooLarge(ServerRequest req) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(FsResource::parseLength).orElse(-1L);
        if (declared > maxUploadBytes) {
            throw tooLarge(maxUploadBytes);
        }
    }

    static SandboxException tooLarge(long max) {
        return new SandboxException(ErrorType.INVALID_REQUEST, 413, "the upload is larger than the limit of "
                + max + " bytes", null);
    }

    /** The request body, refused with 413 as soon as it passes the limit. */
    private InputStream body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return InputStream.nullInputStream();
        }
        return new LimitedInputStream(req.content().inputStream(), maxUploadBytes);
    }

    /**
     * Streams the body into a new file beside the target and moves it into place when the body
     * is complete: a failed or refused upload leaves the old file (or none) and no partial one.
     */
    private long writeAtomically(ServerRequest req, Path target) {
        Path parent = target.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        Path temp = (parent != null ? parent : target).resolve("." + target.getFileName() + "."
                + UUID.randomUUID().toString().substring(0, 8) + ".upload");
        long written;
        try {
            try (InputStream in = body(req);
                 OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                written = copy(in, out, Long.MAX_VALUE);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return written;
        } catch (IOException e) {
            throw FsErrors.of(e, target);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** An overwritten file keeps its permissions (an executable script stays executable). */
    private static void keepPermissions(Path target, Path temp) {
        try {
            var view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (view != null && Files.exists(target)) {
                Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // the new file keeps default permissions
        }
    }

    static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        while (total < max) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, max - total));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    private static void deleteTree(Path dir) throws IOException {
        // walkFileTree does not follow links: a link inside the tree is removed, not its target
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static long parseLength(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Counts what it passes and fails with 413 past the limit. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long count;

        LimitedInputStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                throw tooLarge(max);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
