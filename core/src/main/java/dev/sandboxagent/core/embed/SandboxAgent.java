package dev.sandboxagent.core.embed;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.store.EventStore;
import dev.sandboxagent.core.store.FileEventStore;
import dev.sandboxagent.core.store.MemoryEventStore;

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
 * Adapters are found on the class path (ServiceLoader, as the daemon finds its built-in ones);
 * plugin jars can be added through {@link Builder#classLoader(ClassLoader)} and adapters made in
 * code through {@link Builder#adapter(AgentAdapter)}. No HTTP is involved. Sessions' event logs
 * are kept in memory unless {@link Builder#keepEventsOnDisk()} asks for the daemon's file store,
 * whose sessions survive the process and are brought back by the next {@code build()}.
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
            AgentCatalog catalog = new AgentCatalog(all, new NpmInstaller(dataDir), environment, home(environment));
            Path onDisk = eventsUnderDataDir ? dataDir.resolve("sessions") : eventsDirectory;
            EventStore store = onDisk == null ? new MemoryEventStore() : FileEventStore.open(onDisk);
            SessionEngine engine = new SessionEngine(catalog, workingDirectory, 0, store, EngineObserver.NONE);
            engine.restoreSessions();
            return new EmbeddedSandbox(engine, catalog, store);
        }

        /** The home agents read their credential files from: {@code $HOME}, else {@code user.home}. */
        private static Path home(Map<String, String> environment) {
            String home = environment.get("HOME");
            return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        }
    }

    /**
     * The engine and its catalog behind the two ports; closing ends every session and agent
     * process, then writes out and closes the event store.
     */
    private record EmbeddedSandbox(SessionEngine sessions, AgentCatalog agents, EventStore store) implements Sandbox {

        @Override
        public void close() {
            try {
                sessions.shutdown();
            } finally {
                store.close();
            }
        }
    }
}
