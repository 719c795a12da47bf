package dev.sandboxagent.http;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.FileEntry;
import dev.sandboxagent.core.files.FileFailures;
import dev.sandboxagent.core.files.OpenFile;
import dev.sandboxagent.core.files.TarUpload;
import dev.sandboxagent.core.files.Workspace;
import dev.sandboxagent.core.json.JsonFields;
import dev.sandboxagent.core.json.Jsons;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * /v1/fs: the routes of the {@link Workspace}, which holds the rules (paths, atomic writes,
 * moves, deletes, tar extraction, upload limits). This class only reads parameters, streams
 * bodies and writes the JSON answers.
 */
final class FsResource implements ApiResource {

    private static final System.Logger LOG = System.getLogger(FsResource.class.getName());

    private final Workspace workspace;

    FsResource(Workspace workspace) {
        this.workspace = workspace;
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

    private void entries(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder array = Jsons.JSON.createArrayBuilder();
        workspace.list(optionalPath(req)).forEach(e -> array.add(json(e, true)));
        JsonResponses.raw(res, array.build().toString());
    }

    private void stat(ServerRequest req, ServerResponse res) {
        JsonResponses.raw(res, json(workspace.stat(requiredPath(req, "path")), false).toString());
    }

    private void readFile(ServerRequest req, ServerResponse res) {
        Path p = requiredPath(req, "path");
        try (OpenFile file = workspace.open(p)) {
            res.header(HeaderNames.CONTENT_TYPE, file.contentType());
            res.contentLength(file.size());
            try (OutputStream out = res.outputStream()) {
                file.copyTo(out);
            }
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof IOException i ? i : ((UncheckedIOException) e).getCause();
            if (!res.isSent()) {
                throw FileFailures.of(io, p);
            }
            // the status line is gone once the copy has begun: the client sees a short body (or went away)
            LOG.log(System.Logger.Level.DEBUG, "reading " + p + " ended early", e);
        }
    }

    private void writeFile(ServerRequest req, ServerResponse res) {
        Path p = requiredPath(req, "path");
        workspace.checkDeclaredSize(declaredLength(req));
        long written = workspace.write(p, body(req));
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("path", p.toString()).add("bytesWritten", written)
                .build().toString());
    }

    private void mkdir(ServerRequest req, ServerResponse res) {
        Path p = requiredPath(req, "path");
        workspace.mkdir(p);
        pathAnswer(res, p);
    }

    private void move(ServerRequest req, ServerResponse res) {
        String sessionId = sessionId(req);
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
        Path from = workspace.resolve(fromRaw, sessionId, "from");
        Path to = workspace.resolve(toRaw, sessionId, "to");
        workspace.move(from, to, overwrite);
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("from", from.toString()).add("to", to.toString())
                .build().toString());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Path p = requiredPath(req, "path");
        workspace.delete(p, QueryParams.bool(req, "recursive"));
        pathAnswer(res, p);
    }

    private void uploadBatch(ServerRequest req, ServerResponse res) {
        Path target = optionalPath(req);
        workspace.checkDeclaredSize(declaredLength(req));
        TarUpload.Result result = workspace.extract(target, body(req));
        JsonArrayBuilder paths = Jsons.JSON.createArrayBuilder();
        result.paths().forEach(p -> paths.add(p.toString()));
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("paths", paths).add("truncated", result.truncated())
                .build().toString());
    }

    // ---- parameters and answers ---------------------------------------------------------------

    /** {@code session_id} (or {@code sessionId}): relative paths resolve against that session's directory. */
    private static String sessionId(ServerRequest req) {
        return QueryParams.query(req, "session_id").or(() -> QueryParams.query(req, "sessionId")).orElse(null);
    }

    private Path requiredPath(ServerRequest req, String name) {
        return workspace.resolve(QueryParams.query(req, name).orElse(null), sessionId(req), name);
    }

    /** {@code path}, or the base directory itself when absent. */
    private Path optionalPath(ServerRequest req) {
        return workspace.resolveOrBase(QueryParams.query(req, "path").orElse(null), sessionId(req), "path");
    }

    private static InputStream body(ServerRequest req) {
        return req.content().hasEntity() ? req.content().inputStream() : InputStream.nullInputStream();
    }

    private static long declaredLength(ServerRequest req) {
        return req.headers().first(HeaderNames.CONTENT_LENGTH).map(FsResource::parseLength).orElse(-1L);
    }

    private static long parseLength(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void pathAnswer(ServerResponse res, Path p) {
        JsonResponses.raw(res, Jsons.JSON.createObjectBuilder().add("path", p.toString()).build().toString());
    }

    /** An FsEntry (with name) or FsStat (without). */
    private static JsonObject json(FileEntry e, boolean withName) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        if (withName) {
            b.add("name", e.name());
        }
        return b.add("path", e.path().toString())
                .add("entryType", e.directory() ? "directory" : "file")
                .add("size", e.size())
                .add("modified", e.modified().toString())
                .build();
    }
}
