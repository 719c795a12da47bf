package dev.sandboxagent.core.embed;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.plugins.PluginLoader;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.process.ProcessRegistry;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.store.EventStore;
import dev.sandboxagent.core.store.FileEventStore;
import dev.sandboxagent.core.store.MemoryEventStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine embedded in this process, built without knowing its parts:
 * <pre>{@code
 * try (Sandbox sandbox = SandboxAgent.embedded().dataDir(dir).workingDirectory(dir).build()) {
 *     sandbox.sessions().createSession("s1", CreateSessionRequest.forAgent("mock"));
 * }
 * }</pre>
 * Adapters are found on the class path (ServiceLoader, as the daemon finds its built-in ones),
 * in plugin jars as the daemon loads them ({@code <dataDir>/plugins/} and each
 * {@link Builder#pluginDirectory(Path)}, like {@code --plugin-dir}), and made in code through
 * {@link Builder#adapter(AgentAdapter)}. Like the daemon, it records the agent processes it starts
 * under {@code <dataDir>/run/} and, when built, ends those a previous process on the same data
 * directory left running (it died without closing); closing ends every session and agent
 * process. That record is process-wide: one embedded engine per JVM keeps it. No HTTP is involved.
 * Sessions' event logs are kept in memory unless {@link Builder#keepEventsOnDisk()} asks for the
 * daemon's file store, whose sessions survive the process and are brought back by the next
 * {@code build()}.
 */
public final class SandboxAgent {

    private SandboxAgent() {
    }

    public static Builder embedded() {
        return new Builder();
    }

    /** What the embedded engine runs with; only {@link #dataDir(Path)} is required. */
    public static final class Builder {

        private Path dataDir;
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private ClassLoader classLoader = SandboxAgent.class.getClassLoader();
        private final List<AgentAdapter> adapters = new ArrayList<>();
        private final List<Path> pluginDirectories = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private Path eventsDirectory; // null: in memory
        private boolean eventsUnderDataDir;

        private Builder() {
        }

        /** Where agent CLIs are installed (the daemon's {@code --data-dir}). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
            return this;
        }

        /** The directory of sessions created without one (default: the current directory). */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath();
            return this;
        }

        /** Where adapters are looked up with ServiceLoader (default: the one that loaded this class). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** An adapter in addition to those found on the class path (its id must be new). */
        public Builder adapter(AgentAdapter adapter) {
            adapters.add(Objects.requireNonNull(adapter, "adapter"));
            return this;
        }

        /**
         * A folder of plugin jars (repeatable), loaded as the daemon's {@code --plugin-dir}: each
         * jar's adapters through ServiceLoader, in one class loader below {@link #classLoader};
         * a missing folder or an agent id already taken fails {@link #build()}.
         */
        public Builder pluginDirectory(Path directory) {
            pluginDirectories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** The environment agents inherit and credentials are looked up in (default: this process's). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Sessions' event logs in memory only: nothing survives the process (the default). */
        public Builder keepEventsInMemory() {
            this.eventsDirectory = null;
            this.eventsUnderDataDir = false;
            return this;
        }

        /**
         * Sessions' event logs on disk under {@code <dataDir>/sessions}, as the daemon keeps them:
         * {@code build()} brings back the sessions a previous run left there (ended; a message
         * continues one). One process at a time may use the directory.
         */
        public Builder keepEventsOnDisk() {
            this.eventsDirectory = null;
            this.eventsUnderDataDir = true;
            return this;
        }

        /** As {@link #keepEventsOnDisk()}, in {@code directory}. */
        public Builder keepEventsOnDisk(Path directory) {
            this.eventsDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            this.eventsUnderDataDir = false;
            return this;
        }

        /**
         * The engine, with the sessions a previous run left in its store.
         *
         * @throws dev.sandboxagent.core.store.StoreException when the events directory cannot be
         *         used (unwritable, or locked by another process, which it names)
         */
        public Sandbox build() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required: where agent CLIs are installed");
            }
            List<AgentAdapter> all = new ArrayList<>(AgentCatalog.discover(classLoader));
            all.addAll(adapters);
            PluginLoader.load(classLoader, PluginLoader.directories(dataDir, pluginDirectories), all)
                    .forEach(p -> all.add(p.adapter()));
            AgentCatalog catalog = new AgentCatalog(all, new NpmInstaller(dataDir), environment, home(environment));
            Path onDisk = eventsUnderDataDir ? dataDir.resolve("sessions") : eventsDirectory;
            // the store first, as in the daemon: its lock keeps a second process from reaping our agents
            EventStore store = onDisk == null ? new MemoryEventStore() : FileEventStore.open(onDisk);
            try {
                ProcessRegistry registry = processRegistry(dataDir);
                SessionEngine engine = new SessionEngine(catalog, workingDirectory, 0, store, EngineObserver.NONE);
                engine.restoreSessions();
                return new EmbeddedSandbox(engine, catalog, store, registry);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        /** Records our agents under {@code <dataDir>/run} and ends those a dead process left there, as the daemon does. */
        private static ProcessRegistry processRegistry(Path dataDir) {
            try {
                ProcessRegistry registry = ProcessRegistry.install(dataDir.resolve("run"));
                int reaped = registry.reapLeftovers();
                if (reaped > 0) {
                    System.getLogger(SandboxAgent.class.getName()).log(System.Logger.Level.WARNING,
                            "ended {0} agent process(es) left by a process that did not close its engine", reaped);
                }
                return registry;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use " + dataDir.resolve("run") + " to track agent processes", e);
            }
        }

        /** The home agents read their credential files from: {@code $HOME}, else {@code user.home}. */
        private static Path home(Map<String, String> environment) {
            String home = environment.get("HOME");
            return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        }
    }

    /**
     * The engine and its catalog behind the two ports; closing ends every session and agent
     * process, releases the process record, then writes out and closes the event store.
     */
    private record EmbeddedSandbox(SessionEngine sessions, AgentCatalog agents, EventStore store,
                                   ProcessRegistry registry) implements Sandbox {

        @Override
        public void close() {
            try {
                sessions.shutdown();
                registry.release();
            } finally {
                store.close();
            }
        }
    }
}
