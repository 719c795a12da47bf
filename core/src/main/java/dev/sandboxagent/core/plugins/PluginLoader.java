package dev.sandboxagent.core.plugins;

import dev.sandboxagent.core.spi.AgentAdapter;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads agent adapters from plugin jars with {@link ServiceLoader}: every {@code *.jar} in
 * {@code <data dir>/plugins/} and in each {@code --plugin-dir}, in one class loader whose parent
 * is the daemon's (so a plugin sees the SPI and core, and may ship its dependencies as more jars
 * in the same folder).
 *
 * <p>A plugin must not reuse the id of a built-in agent or of another plugin: the daemon then
 * refuses to start, naming the jar. Skipping it with a warning was the alternative; refusing was
 * chosen because the operator put the jar there on purpose, and a plugin silently ignored (the
 * warning lost in a background daemon's log) would leave clients talking to another agent than
 * the one installed.
 */
public final class PluginLoader {

    /** The plugin folder inside the data directory. */
    public static final String DATA_DIR_FOLDER = "plugins";
    private static final Pattern AGENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private PluginLoader() {
    }

    /**
     * {@code <dataDir>/plugins} when it exists, then {@code explicit} (each of which must be a
     * directory: a mistyped {@code --plugin-dir} is an error, not an empty folder).
     */
    public static List<Path> directories(Path dataDir, List<Path> explicit) {
        List<Path> dirs = new ArrayList<>();
        Path own = dataDir.resolve(DATA_DIR_FOLDER);
        if (Files.isDirectory(own)) {
            dirs.add(own);
        }
        for (Path dir : explicit) {
            if (!Files.isDirectory(dir)) {
                throw new PluginException("plugin directory " + dir + " does not exist or is not a directory", null);
            }
            if (!dirs.contains(dir.toAbsolutePath().normalize())) {
                dirs.add(dir.toAbsolutePath().normalize());
            }
        }
        return dirs;
    }

    /** The adapters in the jars of {@code dirs}, checked against the {@code builtIn} ones. */
    public static List<Plugin> load(ClassLoader parent, List<Path> dirs, List<AgentAdapter> builtIn) {
        List<Path> jars = jars(dirs);
        if (jars.isEmpty()) {
            return List.of();
        }
        URLClassLoader loader = new URLClassLoader("sandbox-daemon-plugins", urls(jars), parent);
        Map<String, String> taken = new HashMap<>();
        builtIn.forEach(a -> taken.put(a.id(), null));
        List<Plugin> plugins = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<AgentAdapter> provider : ServiceLoader.load(AgentAdapter.class, loader)
                    .stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue; // a built-in adapter, seen through the parent
                }
                Path jar = jarOf(provider.type());
                AgentAdapter adapter = instantiate(provider, jar);
                String id = adapter.id();
                if (id == null || !AGENT_ID.matcher(id).matches()) {
                    throw new PluginException("plugin " + jar + " (" + provider.type().getName() + ") has an invalid agent id '"
                            + id + "': use lower-case letters, digits, '.', '_' or '-'", null);
                }
                if (taken.containsKey(id)) {
                    String other = taken.get(id);
                    throw new PluginException(other == null
                            ? "plugin " + jar + " provides the agent '" + id + "', which is built into sandbox-daemon; "
                            + "a plugin cannot replace a built-in agent: remove the jar or give its adapter another id"
                            : "plugins " + other + " and " + jar + " both provide the agent '" + id + "'; remove one of them",
                            null);
                }
                taken.put(id, jar.toString());
                plugins.add(new Plugin(adapter, jar));
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("cannot load the plugin adapters in " + dirs + ": " + e.getMessage(), e);
        }
        return List.copyOf(plugins);
    }

    private static AgentAdapter instantiate(ServiceLoader.Provider<AgentAdapter> provider, Path jar) {
        try {
            return provider.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw new PluginException("cannot create the adapter " + provider.type().getName() + " of plugin " + jar
                    + ": " + e, e);
        }
    }

    private static List<Path> jars(List<Path> dirs) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                        .sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new PluginException("cannot read plugin directory " + dir + ": " + e, e);
            }
        }
        return jars;
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("cannot use plugin jar " + jars.get(i) + ": " + e, e);
            }
        }
        return urls;
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(type.getName());
        }
    }
}
