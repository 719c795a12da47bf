package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.PathRules;
import dev.sandboxagent.core.files.Workspace;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcErrorCodes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * The client-side file methods of ACP, {@code fs/read_text_file} and {@code fs/write_text_file},
 * confined to the session's directory: a path is resolved with the fs API's {@link PathRules},
 * then must lie inside the directory, also after following symbolic links; writes go through
 * {@link Workspace#write} (parents created, the file replaced only when complete).
 */
final class AcpFiles {

    /** ACP's "resource not found" error code; agents recognise a missing file by it. */
    static final int RESOURCE_NOT_FOUND = -32002;

    /** An answer to a file request: a result, or a JSON-RPC error. */
    record Answer(JsonValue result, int errorCode, String errorMessage) {
        static Answer ok(JsonValue result) {
            return new Answer(result, 0, null);
        }

        static Answer error(int code, String message) {
            return new Answer(null, code, message);
        }

        boolean failed() {
            return errorMessage != null;
        }
    }

    private final Path root;
    private final Workspace workspace;

    AcpFiles(Path sessionDirectory) {
        this.root = sessionDirectory.toAbsolutePath().normalize();
        this.workspace = new Workspace(root, id -> root, Long.MAX_VALUE);
    }

    Answer read(JsonObject params) {
        try {
            Path file = confined(Jsons.string(params, "path"));
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Integer line = Jsons.integer(params, "line");
            Integer limit = Jsons.integer(params, "limit");
            if (line != null || limit != null) {
                List<String> lines = text.lines().toList();
                int from = Math.max(0, (line == null ? 1 : line) - 1);
                int to = limit == null ? lines.size() : (int) Math.min(lines.size(), (long) from + Math.max(0, limit));
                text = from >= lines.size() ? "" : String.join("\n", lines.subList(from, to));
            }
            return Answer.ok(JSON.createObjectBuilder().add("content", text).build());
        } catch (NoSuchFileException e) {
            return Answer.error(RESOURCE_NOT_FOUND, "Resource not found: " + e.getFile());
        } catch (SandboxException e) {
            return Answer.error(JsonRpcErrorCodes.INVALID_PARAMS, e.detail());
        } catch (IOException | RuntimeException e) {
            return Answer.error(JsonRpcErrorCodes.INTERNAL_ERROR, "cannot read: " + e.getMessage());
        }
    }

    Answer write(JsonObject params) {
        String content = Jsons.string(params, "content");
        if (content == null) {
            return Answer.error(JsonRpcErrorCodes.INVALID_PARAMS, "'content' is required");
        }
        try {
            Path file = confined(Jsons.string(params, "path"));
            workspace.write(file, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
            return Answer.ok(JsonValue.NULL);
        } catch (SandboxException e) {
            return Answer.error(JsonRpcErrorCodes.INVALID_PARAMS, e.detail());
        } catch (IOException | RuntimeException e) {
            return Answer.error(JsonRpcErrorCodes.INTERNAL_ERROR, "cannot write: " + e.getMessage());
        }
    }

    /** The path, if it names something inside the session's directory (links followed); else refused. */
    Path confined(String raw) throws IOException {
        Path file = PathRules.resolve(raw, root, "path");
        if (!file.startsWith(root)) {
            throw SandboxException.invalid("path '" + raw + "' is outside the session's directory " + root);
        }
        Path existing = file;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !existing.toRealPath().startsWith(root.toRealPath())) {
            throw SandboxException.invalid("path '" + raw + "' leads outside the session's directory " + root
                    + " through a symbolic link");
        }
        return file;
    }
}
