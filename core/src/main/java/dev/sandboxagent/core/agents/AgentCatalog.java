package dev.sandboxagent.core.agents;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.install.InstallException;
import dev.sandboxagent.core.install.InstalledAgent;
import dev.sandboxagent.core.install.AgentInstaller;
import dev.sandboxagent.core.port.AgentInfo;
import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The agents this daemon knows (its adapters) and their CLIs: whether and where they are
 * installed, whether their credentials are present, and installing them through the
 * {@link AgentInstaller} port (npm into the data directory, in the daemon). Adapters come from
 * {@link ServiceLoader} unless given explicitly.
 */
public final class AgentCatalog implements AgentService {

    private static final System.Logger LOG = System.getLogger(AgentCatalog.class.getName());

    private final Map<String, AgentAdapter> adapters = new LinkedHashMap<>();
    private final AgentInstaller installer;
    private final Map<String, String> environment;
    private final Path home;
    private volatile EngineObserver observer = EngineObserver.NONE;

    public AgentCatalog(Collection<? extends AgentAdapter> adapters, AgentInstaller installer,
                        Map<String, String> environment, Path home) {
        for (AgentAdapter a : adapters) {
            if (this.adapters.putIfAbsent(a.id(), a) != null) {
                throw new IllegalArgumentException("two adapters claim the agent id '" + a.id() + "'");
            }
        }
        this.installer = installer;
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    /** Every adapter found on the class path (and module path) through ServiceLoader. */
    public static List<AgentAdapter> discover(ClassLoader loader) {
        List<AgentAdapter> found = new ArrayList<>();
        ServiceLoader.load(AgentAdapter.class, loader).forEach(found::add);
        return found;
    }

    /** Where installs are reported (the daemon's metrics); set once at start-up. */
    public void observeWith(EngineObserver observer) {
        this.observer = observer;
    }

    /** Runs one npm install and reports its result (an {@link InstallException} is a failure). */
    private InstalledAgent install(AgentAdapter a, NpmDistribution d, String version, boolean reinstall) {
        try {
            InstalledAgent installed = installer.install(a.id(), d.npmPackage(),
                    version != null ? version : d.defaultVersion(), d.binName(), reinstall);
            observer.installFinished(a.id(), "installed");
            LOG.log(System.Logger.Level.INFO, "agent {0}: installed {1} {2}", a.id(), d.npmPackage(),
                    installed.version());
            return installed;
        } catch (RuntimeException e) {
            observer.installFinished(a.id(), "failed");
            LOG.log(System.Logger.Level.WARNING, "agent {0}: installing {1} failed: {2}", a.id(), d.npmPackage(),
                    e.getMessage());
            throw e;
        }
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Collection<AgentAdapter> adapters() {
        return adapters.values();
    }

    /** The adapter for {@code agentId}, or unsupported_agent. */
    public AgentAdapter adapter(String agentId) {
        AgentAdapter a = agentId == null ? null : adapters.get(agentId);
        if (a == null) {
            throw new SandboxException(ErrorType.UNSUPPORTED_AGENT, "unknown agent '" + agentId
                    + "'; known agents: " + String.join(", ", adapters.keySet()));
        }
        return a;
    }

    @Override
    public List<AgentInfo> listAgents() {
        return adapters.values().stream().map(this::info).toList();
    }

    @Override
    public AgentInfo getAgent(String agentId) {
        return info(adapter(agentId));
    }

    @Override
    public AgentInfo install(String agentId, String version, boolean reinstall) {
        AgentAdapter a = adapter(agentId);
        Optional<NpmDistribution> dist = a.distribution();
        if (dist.isEmpty()) {
            return info(a); // built into the daemon: nothing to install
        }
        NpmDistribution d = dist.get();
        try {
            install(a, d, version, reinstall);
        } catch (InstallException e) {
            throw new SandboxException(ErrorType.INSTALL_FAILED,
                    "installing " + a.id() + " failed: " + e.getMessage(), e);
        }
        return info(a);
    }

    /**
     * The agent's binary for a new session, installing it first when it is missing or another
     * version was asked for. Null for built-in agents.
     */
    public Path ensureInstalled(AgentAdapter a, String version) {
        Optional<NpmDistribution> dist = a.distribution();
        if (dist.isEmpty()) {
            return null;
        }
        NpmDistribution d = dist.get();
        Optional<InstalledAgent> found = installer.find(a.id(), d.binName());
        if (found.isPresent() && (version == null || version.equals(found.get().version()))) {
            return found.get().binary();
        }
        try {
            return install(a, d, version, false).binary();
        } catch (InstallException e) {
            throw new SandboxException(ErrorType.AGENT_NOT_INSTALLED,
                    a.id() + " is not installed and installing it failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AgentMode> modes(String agentId) {
        return adapter(agentId).modes();
    }

    @Override
    public AgentModels models(String agentId) {
        AgentAdapter a = adapter(agentId);
        return a.models(binary(a).orElse(null));
    }

    private Optional<Path> binary(AgentAdapter a) {
        return a.distribution().flatMap(d -> installer.find(a.id(), d.binName())).map(InstalledAgent::binary);
    }

    private AgentInfo info(AgentAdapter a) {
        boolean credentials = a.credentialSources().isEmpty()
                || a.credentialSources().stream().anyMatch(c -> c.isPresent(environment, home));
        if (a.distribution().isEmpty()) {
            return new AgentInfo(a.id(), true, credentials, a.capabilities(), null, null, a.serverStatus().orElse(null));
        }
        Optional<InstalledAgent> found = installer.find(a.id(), a.distribution().get().binName());
        return new AgentInfo(a.id(), found.isPresent(), credentials, a.capabilities(),
                found.map(f -> f.binary().toString()).orElse(null), found.map(InstalledAgent::version).orElse(null),
                a.serverStatus().orElse(null));
    }
}
