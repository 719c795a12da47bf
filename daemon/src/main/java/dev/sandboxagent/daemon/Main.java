package dev.sandboxagent.daemon;

import picocli.CommandLine;

import java.util.List;

/** Entry point of the {@code sandbox-daemon} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        DaemonLogging.configure();
        Server.Launch plainServer = FastServerArgs.parse(args, System.getenv());
        if (plainServer != null) {
            // The common start-up, without building picocli's model (see FastServerArgs).
            try {
                Server.serve(plainServer);
            } catch (RuntimeException e) {
                System.exit(SandboxDaemonCommand.report(e, SandboxDaemonCommand.stderr()));
            }
            return; // the JVM shuts down by itself (SIGTERM)
        }
        CommandLine cli = SandboxDaemonCommand.newCommandLine();
        boolean[] server = {false};
        cli.setExecutionStrategy(parseResult -> {
            List<CommandLine> parsed = parseResult.asCommandLineList();
            server[0] = parsed.getLast().getCommand() instanceof ServerCommand;
            if (!server[0]) {
                DaemonLogging.quiet();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code = cli.execute(SeedGlobalOptions.hoist(cli, args));
        cli.getOut().flush();
        cli.getErr().flush();
        // A server returns only once the JVM shuts down (SIGTERM): let the shutdown finish by itself.
        if (code != 0 || !server[0]) {
            System.exit(code);
        }
    }
}
