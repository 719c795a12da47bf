package dev.sandboxagent.core.port;

import java.util.List;

/** A user message with optional attachments (the contract's MessageRequest). */
public record MessageRequest(String message, List<Attachment> attachments) {

    public static MessageRequest of(String message) {
        return new MessageRequest(message, List.of());
    }

    /** A file sent with a message (the contract's MessageAttachment). */
    public record Attachment(String path, String mime, String filename) {
    }
}
