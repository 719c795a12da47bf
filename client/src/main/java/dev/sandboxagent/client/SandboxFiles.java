package dev.sandboxagent.client;

import dev.sandboxagent.core.error.SandboxException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The daemon's file routes ({@code /v1/fs}): files on the daemon's machine, for example inside
 * its sandbox. Relative paths resolve against the daemon's home, or against a session's
 * directory through {@link #inSession(String)}; bodies stream both ways and are never held in
 * memory. Failures are {@link SandboxException}s (a missing file is a 404 typed
 * invalid_request, as the daemon answers it).
 */
public final class SandboxFiles {

    private final Transport transport;
    private final String sessionId; // null: relative to the daemon's home

    SandboxFiles(Transport transport, String sessionId) {
        this.transport = transport;
        this.sessionId = sessionId;
    }

    /** The same routes with relative paths resolved against the directory of session {@code sessionId}. */
    public SandboxFiles inSession(String sessionId) {
        return new SandboxFiles(transport, sessionId);
    }

    /** The entries of directory {@code path} (null: the base directory itself). */
    public List<FileEntry> list(String path) {
        String body = transport.call(get("/entries", path).build());
        List<FileEntry> out = new ArrayList<>();
        for (JsonValue v : Json.array(body)) {
            out.add(entry(v.asJsonObject()));
        }
        return out;
    }

    public FileEntry stat(String path) {
        return entry(Json.object(transport.call(get("/stat", path).build())));
    }

    /** The file's content, streamed from the daemon; the caller closes it. */
    public InputStream read(String path) {
        return transport.open(transport.stream(route("/file", "path", path)).GET().build()).body();
    }

    /** Writes {@code content} (read to its end, not closed) to {@code path}, replacing the file only once complete. */
    public long write(String path, InputStream content) {
        return write(path, HttpRequest.BodyPublishers.ofInputStream(() -> content));
    }

    public long write(String path, Path localFile) {
        try {
            return write(path, HttpRequest.BodyPublishers.ofFile(localFile));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long write(String path, HttpRequest.BodyPublisher body) {
        JsonObject o = Json.object(transport.call(transport.stream(route("/file", "path", path))
                .header("Content-Type", "application/octet-stream").PUT(body).build()));
        return o.getJsonNumber("bytesWritten").longValue();
    }

    /** Creates directory {@code path} and its parents; returns its absolute path. */
    public String mkdir(String path) {
        return Json.object(transport.call(transport.request(route("/mkdir", "path", path))
                .POST(HttpRequest.BodyPublishers.noBody()).build())).getString("path");
    }

    /** Moves {@code from} to {@code to}; an existing {@code to} is replaced only with {@code overwrite}. */
    public void move(String from, String to, boolean overwrite) {
        transport.call(transport.request(route("/move")).header("Content-Type", "application/json")
                .POST(Transport.json(Map.of("from", from, "to", to, "overwrite", overwrite))).build());
    }

    /** Deletes a file, or a directory (with its contents only when {@code recursive}). */
    public void delete(String path, boolean recursive) {
        transport.call(transport.request(route("/entry", "path", path, "recursive", recursive)).DELETE().build());
    }

    /** What an upload extracted: the paths written and whether the archive was cut short. */
    public record Upload(List<String> paths, boolean truncated) {
    }

    /** Extracts the tar archive {@code tar} (read to its end, not closed) into directory {@code path}. */
    public Upload uploadTar(String path, InputStream tar) {
        JsonObject o = Json.object(transport.call(transport.stream(route("/upload-batch", "path", path))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> tar)).build()));
        List<String> paths = o.getJsonArray("paths").stream().map(v -> ((JsonString) v).getString()).toList();
        return new Upload(paths, o.getBoolean("truncated", false));
    }

    private HttpRequest.Builder get(String route, String path) {
        return transport.request(route(route, "path", path)).GET();
    }

    private String route(String route, Object... params) {
        Object[] all = new Object[params.length + 2];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = "session_id";
        all[params.length + 1] = sessionId;
        return "/v1/fs" + route + Transport.query(all);
    }

    private static FileEntry entry(JsonObject o) {
        String path = o.getString("path");
        String name = o.containsKey("name") ? o.getString("name") : String.valueOf(Path.of(path).getFileName());
        return new FileEntry(name, path, "directory".equals(o.getString("entryType")),
                o.getJsonNumber("size").longValue(), Instant.parse(o.getString("modified")));
    }

}
