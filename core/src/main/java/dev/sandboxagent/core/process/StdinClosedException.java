package dev.sandboxagent.core.process;

/**
 * Thrown by {@link AgentProcess#writeLine(String)} when the line cannot be delivered because
 * stdin was closed by us, the process has exited, or the pipe broke while writing.
 */
public final class StdinClosedException extends RuntimeException {

    public StdinClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
