package dev.sandboxagent.core.testing;

import dev.sandboxagent.core.install.InstallException;
import dev.sandboxagent.core.install.InstalledAgent;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.nio.file.Path;

/**
 * The real agent CLIs for tests, installed once per machine with the project's own installer
 * from their npm packages (pinned versions) into {@link #dataDir()}. A missing npm or an
 * unreachable registry fails the test with what to install — it never skips.
 */
public final class TestAgents {

    private TestAgents() {
    }

    /**
     * Shared by every module's tests so each CLI is installed once: {@code $SANDBOX_TEST_AGENTS_DIR},
     * else {@code ~/.cache/sandbox-agent-tests}.
     */
    public static Path dataDir() {
        String env = System.getenv("SANDBOX_TEST_AGENTS_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sandbox-agent-tests");
    }

    public static NpmInstaller installer() {
        return new NpmInstaller(dataDir());
    }

    /** The adapter's CLI at its pinned version, installing it first when needed. */
    public static InstalledAgent ensureInstalled(AgentAdapter adapter) {
        NpmDistribution d = adapter.distribution().orElseThrow(() ->
                new IllegalArgumentException(adapter.id() + " has no npm distribution"));
        try {
            return installer().install(adapter.id(), d.npmPackage(), d.defaultVersion(), d.binName(), false);
        } catch (InstallException e) {
            throw new AssertionError("the " + adapter.id() + " CLI (" + d.npmPackage() + "@" + d.defaultVersion()
                    + ") is needed by this test and could not be installed: " + e.getMessage()
                    + " — install Node.js 20+ with npm and make the npm registry reachable (.ci/run does)", e);
        }
    }
}
