package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.adapters.amp.fake.FakeAmpServer;
import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.testing.TestAgents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests with the real Amp CLI share: the CLI installed at its pinned version, the fake
 * Amp server, a private HOME (Amp writes its config, cache and logs there) and an engine whose
 * environment points Amp at the fake.
 */
final class AmpTestEnvironment implements AutoCloseable {

    final AmpAdapter adapter = new AmpAdapter();
    final FakeAmpServer server;
    final Path home;
    final Path work;

    AmpTestEnvironment() throws IOException {
        TestAgents.ensureInstalled(adapter); // fails with what to install, once per machine
        this.server = new FakeAmpServer();
        this.home = Files.createTempDirectory("amp-test-home-");
        this.work = Files.createTempDirectory("amp-test-work-");
    }

    /** The daemon's environment: this JVM's, with Amp pointed at the fake and a private HOME. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AMP_URL", server.url());
        env.put("AMP_API_KEY", FakeAmpServer.API_KEY);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.remove("AMP_SETTINGS_FILE");
        return env;
    }

    SessionEngine engine() {
        return engine(environment());
    }

    SessionEngine engine(Map<String, String> env) {
        return new SessionEngine(new AgentCatalog(List.of(adapter), TestAgents.installer(), env, home), work);
    }

    @Override
    public void close() {
        server.close();
        for (Path dir : List.of(home, work)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: only a temp directory left behind
            }
        }
    }
}
