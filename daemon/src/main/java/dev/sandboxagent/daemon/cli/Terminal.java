package dev.sandboxagent.daemon.cli;

import java.io.Console;

/** Whether a person is watching: stdin and stdout are a terminal. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * True when {@link System#console()} is a real terminal. Before Java 22 a console exists
     * only for a terminal; from 22 on it may exist when redirected, and {@code isTerminal()}
     * (called reflectively, since we compile for 21) tells the difference.
     */
    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console means a terminal
        }
    }
}
