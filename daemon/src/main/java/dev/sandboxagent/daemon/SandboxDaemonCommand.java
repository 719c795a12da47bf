package dev.sandboxagent.daemon;

import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.daemon.api.ApiCommand;
import dev.sandboxagent.daemon.background.DaemonCommand;
import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.CredentialsCommand;
import dev.sandboxagent.daemon.cli.ExitCodes;
import dev.sandboxagent.daemon.cli.InstallAgentCommand;
import dev.sandboxagent.daemon.cli.VersionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The top-level command: only sub-commands. */
@Command(name = "sandbox-daemon",
        mixinStandardHelpOptions = true,
        versionProvider = DaemonVersion.class,
        description = "Runs coding agents (Claude Code, Codex, OpenCode, Amp, Pi, and a built-in mock) "
                + "behind one HTTP API with a universal event stream.",
        subcommands = {ServerCommand.class, InstallAgentCommand.class, CredentialsCommand.class, DaemonCommand.class,
                ApiCommand.class, VersionCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  sandbox-daemon server --token \"$SANDBOX_TOKEN\"   # the API, in the foreground",
                "  sandbox-daemon install-agent all           # every agent CLI, from npm",
                "  sandbox-daemon credentials                 # which agents have credentials",
                "  sandbox-daemon daemon start --no-token     # the API, in the background",
                "  sandbox-daemon api sessions create demo --agent mock",
                "",
                "'sandbox-daemon COMMAND --help' describes each command. Environment:",
                "SANDBOX_TOKEN, SANDBOX_ENDPOINT, SANDBOX_AGENT_DATA_DIR (data directory),",
                "SANDBOX_DAEMON_JAVA_OPTS (JVM options)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE,
                "3:No daemon is running (daemon status) or answers at the endpoint (api)."})
final class SandboxDaemonCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a sub-command is required, e.g. 'server'");
    }

    /**
     * The command line with UTF-8 output (JSON and agent text whatever the locale) and failures
     * reported as one line: a {@link CliFailure} with its own exit code, a core
     * {@link SandboxException} as 1, anything else (a bug) as 1 with its stack trace.
     */
    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new SandboxDaemonCommand());
        cli.setUsageHelpAutoWidth(true); // wider help on wide terminals; 80 columns otherwise
        cli.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
        cli.setErr(stderr());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getOut().flush();
            return report(ex, commandLine.getErr());
        });
        return cli;
    }

    /** stderr as UTF-8, whatever the locale. */
    static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    }

    /** Reports a command's failure on {@code err} (see {@link #newCommandLine()}); returns the exit code. */
    static int report(Exception ex, PrintWriter err) {
        if (ex instanceof CliFailure f) {
            err.println("sandbox-daemon: " + f.getMessage());
            err.flush();
            return f.exitCode();
        }
        if (ex instanceof SandboxException s) {
            err.println("sandbox-daemon: " + s.type().title() + ": " + s.detail());
            err.flush();
            return ExitCodes.FAILED;
        }
        err.println("sandbox-daemon: unexpected error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILED;
    }
}
