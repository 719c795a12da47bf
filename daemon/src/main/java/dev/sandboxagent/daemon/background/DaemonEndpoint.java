package dev.sandboxagent.daemon.background;

import dev.sandboxagent.daemon.ServerOptions;
import dev.sandboxagent.daemon.cli.DataDirOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Which background daemon {@code daemon status} and {@code daemon stop} mean: the one started
 * with this {@code --host} and {@code --port}; without either, the only daemon of the data
 * directory when there is exactly one, else the default endpoint.
 */
final class DaemonEndpoint {

    @Option(names = {ServerOptions.HOST_SHORT, ServerOptions.HOST}, paramLabel = "HOST",
            description = "The host the daemon was started with (default: " + ServerOptions.DEFAULT_HOST + ").")
    String host;

    @Option(names = {ServerOptions.PORT_SHORT, ServerOptions.PORT}, paramLabel = "PORT",
            description = "The port the daemon was started with (default: " + ServerOptions.DEFAULT_PORT + ").")
    Integer port;

    @Mixin
    DataDirOption dataDir;

    DaemonFiles files() {
        if (host == null && port == null) {
            List<DaemonFiles> running = DaemonFiles.all(dataDir.get());
            if (running.size() == 1) {
                return running.getFirst();
            }
        }
        return DaemonFiles.of(dataDir.get(), host != null ? host : ServerOptions.DEFAULT_HOST,
                port != null ? port : Integer.parseInt(ServerOptions.DEFAULT_PORT));
    }
}
