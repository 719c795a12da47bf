package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.files.MimeTypes;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.spi.UserMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Content the normaliser makes itself: the user's message item and the digest of unparsed output. */
final class EventContent {

    private EventContent() {
    }

    /** The user's message as the turn's first item: its text, then its attachments as images or file references. */
    static UniversalItem userItem(String id, UserMessage message) {
        List<ContentPart> content = new ArrayList<>();
        content.add(new ContentPart.Text(message.text()));
        for (UserMessage.Attachment a : message.attachments()) {
            content.add(MimeTypes.isImage(a.mime()) ? new ContentPart.Image(a.path(), a.mime())
                    : new ContentPart.FileRef(a.path(), FileAction.READ, null));
        }
        return new UniversalItem(id, null, null, ItemKind.MESSAGE, ItemRole.USER, content, ItemStatus.IN_PROGRESS);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
