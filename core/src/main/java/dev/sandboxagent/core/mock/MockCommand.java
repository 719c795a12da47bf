package dev.sandboxagent.core.mock;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The mock agent's commands: the first word of a message picks one, the rest is its argument.
 * Anything else is echoed back as a plain reply.
 */
enum MockCommand {
    HELP("help", "list these commands"),
    TEXT("text", "a plain reply with the rest of the message (sent whole, no streaming)"),
    STREAM("stream", "a reply streamed word by word in several deltas"),
    TOOL("tool", "a tool call, its result, and a closing message"),
    PERMISSION("permission", "asks permission to write a file; once/always/reject change what follows ('always' stops further asks)"),
    QUESTION("question", "asks which colour to use; the answer or a rejection changes what follows"),
    QUESTIONS("questions", "asks two questions at once (a colour; sizes, several allowed), answered one list each"),
    REASONING("reasoning", "a reasoning item, then a reply"),
    STATUS("status", "a status item"),
    ERROR("error", "an error event, then the turn ends"),
    MARKDOWN("markdown", "a markdown reply with a heading, a list and code"),
    IMAGE("image", "a reply with an image part"),
    UNKNOWN("unknown", "an item of kind unknown and a line the mock cannot parse (agent.unparsed)"),
    BURST("burst", "burst N: one reply streamed in N deltas as fast as possible (interruptible)"),
    HANG("hang", "starts a reply and waits until interrupted (for interrupt tests)"),
    ECHO("", "anything else: a plain reply echoing the message");

    final String word;
    final String description;

    MockCommand(String word, String description) {
        this.word = word;
        this.description = description;
    }

    static MockCommand of(String message) {
        String first = message.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        for (MockCommand c : values()) {
            if (!c.word.isEmpty() && c.word.equals(first)) {
                return c;
            }
        }
        return ECHO;
    }

    /** The message without its command word. */
    static String argument(String message) {
        String[] parts = message.strip().split("\\s+", 2);
        return parts.length > 1 ? parts[1] : "";
    }

    static String helpText() {
        return "Mock agent commands:\n" + Arrays.stream(values()).filter(c -> !c.word.isEmpty())
                .map(c -> "- `" + c.word + "`: " + c.description).collect(Collectors.joining("\n"))
                + "\n- anything else: " + ECHO.description.substring("anything else: ".length());
    }
}
