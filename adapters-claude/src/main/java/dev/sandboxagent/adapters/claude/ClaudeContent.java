package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * A user message as the content of claude's stream-json user line. Without attachments it is
 * the text. With them it is content blocks: the text, naming every attached file (files are
 * passed by reference: claude reads them with its own tools), then each image the Messages
 * API accepts (PNG, JPEG, GIF, WebP, at most {@value #MAX_IMAGE_BYTES} bytes) as a base64
 * {@code image} block, which the model sees directly. Other images are named like files.
 */
final class ClaudeContent {

    /** The Messages API's limit for one base64 image. */
    static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private ClaudeContent() {
    }

    static JsonValue of(UserMessage message) {
        if (message.attachments().isEmpty()) {
            return Jsons.JSON.createValue(message.text());
        }
        StringBuilder text = new StringBuilder(message.text()).append("\n\nAttached files:");
        JsonArrayBuilder images = Jsons.JSON.createArrayBuilder();
        for (UserMessage.Attachment a : message.attachments()) {
            text.append("\n- ").append(a.path());
            boolean inline = isInlineImage(a);
            if (a.mime() != null) {
                text.append(" (").append(a.mime()).append(inline ? ", attached as an image below" : "").append(')');
            }
            if (inline) {
                images.add(Jsons.JSON.createObjectBuilder().add("type", "image").add("source", Jsons.JSON.createObjectBuilder()
                        .add("type", "base64").add("media_type", a.mime().toLowerCase(Locale.ROOT))
                        .add("data", base64(Path.of(a.path())))));
            }
        }
        JsonArrayBuilder blocks = Jsons.JSON.createArrayBuilder()
                .add(Jsons.JSON.createObjectBuilder().add("type", "text").add("text", text.toString()));
        images.build().forEach(blocks::add);
        return blocks.build();
    }

    static boolean isInlineImage(UserMessage.Attachment a) {
        if (a.mime() == null || !IMAGE_TYPES.contains(a.mime().toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            Path p = Path.of(a.path());
            return Files.isRegularFile(p) && Files.size(p) <= MAX_IMAGE_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    private static String base64(Path p) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attached image " + p, e);
        }
    }
}
