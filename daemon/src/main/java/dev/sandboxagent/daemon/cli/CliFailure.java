package dev.sandboxagent.daemon.cli;

/**
 * A command failed in a way the user can act on: {@link dev.sandboxagent.daemon.Main} prints
 * the message as one line on stderr (no stack trace) and exits with {@link #exitCode()}.
 */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(String message) {
        this(ExitCodes.FAILED, message, null);
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
