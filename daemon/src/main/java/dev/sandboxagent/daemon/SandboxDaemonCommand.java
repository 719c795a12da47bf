package dev.sandboxagent.daemon;

import picocli.CommandLine.Command;

/** The top-level command: only sub-commands. */
@Command(name = "sandbox-daemon",
        mixinStandardHelpOptions = true,
        versionProvider = DaemonVersion.class,
        description = "Runs coding agents (Claude Code, Codex, OpenCode, Amp, and a built-in mock) "
                + "behind one HTTP API with a universal event stream.",
        subcommands = {ServerCommand.class})
final class SandboxDaemonCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a sub-command is required, e.g. 'server'");
    }
}
