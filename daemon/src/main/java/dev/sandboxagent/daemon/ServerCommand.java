package dev.sandboxagent.daemon;

import dev.sandboxagent.daemon.cli.DataDirOption;
import dev.sandboxagent.daemon.cli.ExitCodes;
import dev.sandboxagent.daemon.cli.PluginOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sandbox-daemon server}: runs the HTTP API until SIGTERM / Ctrl-C ({@link Server}). */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Runs the HTTP API in the foreground until SIGTERM or Ctrl-C, which end every agent process.",
                "Prints 'sandbox-daemon <version> listening on <url> ...' once it accepts connections."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  sandbox-daemon server --token \"$SANDBOX_TOKEN\" --host 0.0.0.0 --port 2468",
                "  sandbox-daemon server --no-token --port 0          # any free port, no auth",
                "  sandbox-daemon server --no-token --plugin-dir ./my-adapters",
                "  sandbox-daemon server --token T --cors-allow-origin http://localhost:5173"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:Stopped by SIGTERM or Ctrl-C (the JVM may report 143 for SIGTERM).",
                ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ServerCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PluginOptions plugins;

    @Mixin
    StorageOption storage;

    @Override
    public void run() {
        Server.serve(new Server.Launch(server, server.resolveToken(spec.commandLine()), dataDir.get(), plugins.dirs(),
                storage.ephemeral, storage.retention()));
    }
}
