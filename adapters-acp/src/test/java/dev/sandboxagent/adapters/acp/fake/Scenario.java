package dev.sandboxagent.adapters.acp.fake;

/**
 * What the fake model does for a prompt carrying {@link #marker()}; a prompt without a marker
 * gets {@link #TEXT}.
 */
public enum Scenario {
    /** Text in two chunks. */
    TEXT,
    /** Reasoning first, then text. */
    THINK,
    /** A read-only tool call (no permission needed), then text once its result comes back. */
    TOOL,
    /** A file write, which the agent asks permission for in its default mode, then text. */
    PERMISSION,
    /** Text counting the prompts with this marker the model has seen in the conversation. */
    HISTORY,
    /** One chunk of text, then the stream stays open. */
    HANG,
    /** HTTP 401 with the API's error body. */
    ERROR401,
    /** HTTP 429. */
    ERROR429,
    /** HTTP 500. */
    ERROR500;

    public String marker() {
        return "[[fake:" + name().toLowerCase(java.util.Locale.ROOT) + "]]";
    }

    /** A prompt that makes the fake behave as this scenario. */
    public String prompt() {
        return "Please do this " + marker();
    }

    /** The scenario a user text asks for. */
    public static Scenario in(String text) {
        for (Scenario s : values()) {
            if (text != null && text.contains(s.marker())) {
                return s;
            }
        }
        return TEXT;
    }

    public int httpStatus() {
        return switch (this) {
            case ERROR401 -> 401;
            case ERROR429 -> 429;
            case ERROR500 -> 500;
            default -> 200;
        };
    }

    /** The file the PERMISSION scenario writes, relative to the session's directory. */
    public static final String WRITTEN_FILE = "written-by-agent.txt";
    public static final String ANSWER = "Hello from the fake model.";

    /** The HISTORY answer when the conversation holds {@code prompts} HISTORY prompts. */
    public static String historyAnswer(long prompts) {
        return "I have seen " + prompts + " prompts.";
    }
}
