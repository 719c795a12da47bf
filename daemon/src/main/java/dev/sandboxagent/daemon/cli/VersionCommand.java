package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.daemon.DaemonVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sandbox-daemon version}: the daemon's version and the Java it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = "Prints the daemon's version (as --version does) and the Java runtime it runs on.",
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon version", "  sandbox-daemon --version"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.USAGE_LINE})
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("sandbox-daemon " + DaemonVersion.get());
        spec.commandLine().getOut().println("java " + Runtime.version() + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")");
        spec.commandLine().getOut().flush();
    }
}
