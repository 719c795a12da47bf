package dev.sandboxagent.daemon.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --plugin-dir}: more folders of adapter jars, beside {@code <data dir>/plugins/}. */
public final class PluginOptions {

    public static final String NAME = "--plugin-dir";

    @Option(names = NAME, paramLabel = "DIR",
            description = "A folder of agent adapter plugin jars, loaded besides <data dir>/plugins/; repeatable.")
    List<Path> pluginDirs = new ArrayList<>();

    public List<Path> dirs() {
        return pluginDirs.stream().map(Path::toAbsolutePath).toList();
    }
}
