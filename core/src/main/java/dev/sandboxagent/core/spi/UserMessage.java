package dev.sandboxagent.core.spi;

import java.util.List;
import java.util.Objects;

/** A message from the user to the agent, opening turn {@code turnId}. */
public record UserMessage(String turnId, String text, List<Attachment> attachments) {
    public UserMessage {
        Objects.requireNonNull(text, "text");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A file sent with the message; {@code mime} and {@code filename} are optional. */
    public record Attachment(String path, String mime, String filename) {
        public Attachment {
            Objects.requireNonNull(path, "path");
        }
    }
}
