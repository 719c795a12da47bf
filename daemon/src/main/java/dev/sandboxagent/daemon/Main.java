package dev.sandboxagent.daemon;

import picocli.CommandLine;

/** Entry point of the {@code sandbox-daemon} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        DaemonLogging.configure();
        int code = new CommandLine(new SandboxDaemonCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
        // A server keeps running on its non-daemon threads; other commands exit here.
    }
}
