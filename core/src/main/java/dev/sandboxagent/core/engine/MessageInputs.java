package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.files.MimeTypes;
import dev.sandboxagent.core.files.PathRules;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.spi.UserMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks a posted message and turns it into what the adapters get. */
final class MessageInputs {

    private MessageInputs() {
    }

    static String text(MessageRequest message) {
        if (message == null || message.message() == null) {
            throw SandboxException.invalid("field 'message' is required");
        }
        return message.message();
    }

    /**
     * The message's attachments as the adapters get them: the path absolute (a relative one
     * resolves against the session's directory, by the same {@link PathRules} as the fs routes),
     * the file present, and the MIME type guessed from the extension when the client sent none.
     */
    static List<UserMessage.Attachment> attachments(MessageRequest message, String directory) {
        if (message.attachments() == null) {
            return List.of();
        }
        Path base = Path.of(directory);
        return message.attachments().stream().map(a -> {
            if (a == null || a.path() == null || a.path().isBlank()) {
                throw SandboxException.invalid("every attachment needs a 'path'");
            }
            Path path = PathRules.resolve(a.path(), base, "attachment path");
            if (!Files.exists(path)) {
                throw SandboxException.invalid("attachment '" + a.path() + "' does not exist (resolved to " + path
                        + "); upload it first, e.g. with PUT /v1/fs/file");
            }
            String mime = a.mime() != null && !a.mime().isBlank() ? a.mime()
                    : Files.isDirectory(path) ? null : MimeTypes.of(path);
            return new UserMessage.Attachment(path.toString(), mime, a.filename());
        }).toList();
    }
}
