package dev.sandboxagent.core.spi;

import java.util.List;
import java.util.Objects;

/** A message from the user to the agent, opening turn {@code turnId}. */
public record UserMessage(String turnId, String text, List<Attachment> attachments) {
    public UserMessage {
        Objects.requireNonNull(text, "text");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * The text with the attached files' paths listed after it ("Attached files:"), for agents
     * that take no attachments over their protocol and read the files with their own tools.
     */
    public String textNamingAttachments() {
        if (attachments.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text).append("\n\nAttached files:");
        for (Attachment a : attachments) {
            sb.append("\n- ").append(a.path());
        }
        return sb.toString();
    }

    /** A file sent with the message; {@code mime} and {@code filename} are optional. */
    public record Attachment(String path, String mime, String filename) {
        public Attachment {
            Objects.requireNonNull(path, "path");
        }
    }
}
