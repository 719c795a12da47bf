package dev.sandboxagent.daemon.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --plugin-dir}: more folders of adapter jars, beside {@code <data dir>/plugins/}. */
public final class PluginOptions {

    @Option(names = "--plugin-dir", paramLabel = "DIR",
            description = "A folder of agent adapter plugin jars, loaded besides <data dir>/plugins/; repeatable.")
    List<Path> pluginDirs = new ArrayList<>();

    public List<Path> dirs() {
        return pluginDirs.stream().map(Path::toAbsolutePath).toList();
    }
}
