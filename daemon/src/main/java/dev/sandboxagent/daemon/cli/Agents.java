package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.plugins.Plugin;
import dev.sandboxagent.core.plugins.PluginException;
import dev.sandboxagent.core.plugins.PluginLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agents a command works with: the adapters built into the daemon (its class path) plus
 * the plugin adapters, in a catalog that installs into the data directory.
 *
 * @param catalog   every agent, built-in ones first
 * @param installer the npm installer of the data directory
 * @param plugins   the plugin adapters and the jars they came from
 */
public record Agents(AgentCatalog catalog, NpmInstaller installer, List<Plugin> plugins) {

    public static Agents load(Path dataDir, List<Path> pluginDirs) {
        List<AgentAdapter> builtIn = AgentCatalog.discover(Agents.class.getClassLoader());
        List<Plugin> plugins;
        try {
            plugins = PluginLoader.load(Agents.class.getClassLoader(), PluginLoader.directories(dataDir, pluginDirs),
                    builtIn);
        } catch (PluginException e) {
            throw new CliFailure(ExitCodes.FAILED, e.getMessage(), e); // the daemon does not start with it
        }
        List<AgentAdapter> all = new ArrayList<>(builtIn);
        plugins.forEach(p -> all.add(p.adapter()));
        NpmInstaller installer = new NpmInstaller(dataDir);
        return new Agents(new AgentCatalog(all, installer, System.getenv(), UserHome.get()), installer, plugins);
    }
}
