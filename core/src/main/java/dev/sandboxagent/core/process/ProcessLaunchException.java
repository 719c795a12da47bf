package dev.sandboxagent.core.process;

import java.util.List;

/**
 * Thrown when an agent process cannot be started at all: the program is not found or not
 * executable, the working directory is missing, or the operating system refused to spawn it.
 * The message names the command so that the failure is understandable without a stack trace.
 */
public final class ProcessLaunchException extends RuntimeException {

    private final List<String> command;

    public ProcessLaunchException(List<String> command, String message, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
    }

    /** The command line that could not be started. */
    public List<String> command() {
        return command;
    }
}
