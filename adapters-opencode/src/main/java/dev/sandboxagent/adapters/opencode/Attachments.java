package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A user's attachment as an OpenCode file part ({@code file://} URL; OpenCode reads the file). */
final class Attachments {

    private Attachments() {
    }

    static JsonObject part(UserMessage.Attachment a, Path directory) {
        Path path = directory.resolve(a.path()).toAbsolutePath().normalize();
        String mime = a.mime();
        if (mime == null) {
            try {
                mime = Files.probeContentType(path);
            } catch (IOException e) {
                mime = null;
            }
        }
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder()
                .add("type", "file")
                .add("mime", mime != null ? mime : "text/plain")
                .add("url", path.toUri().toString());
        b.add("filename", a.filename() != null ? a.filename() : String.valueOf(path.getFileName()));
        return b.build();
    }
}
