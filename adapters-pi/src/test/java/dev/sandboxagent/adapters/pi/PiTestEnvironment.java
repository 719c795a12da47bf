package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.adapters.pi.fake.FakeChatCompletions;
import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.testing.TestAgents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests with the real pi CLI share: the CLI installed at its pinned version, the fake
 * model API, and a private pi configuration directory ({@code PI_CODING_AGENT_DIR}) whose
 * {@code models.json} adds the provider {@code fake} (OpenAI Chat Completions at the fake, models
 * {@code fake-model} and the reasoning {@code fake-thinker}) and
 * whose {@code settings.json} makes it the default and shortens pi's retries (one retry after
 * 50 ms, no SDK retries). HOME is private too, and PI_OFFLINE keeps pi off the network.
 */
final class PiTestEnvironment implements AutoCloseable {

    static final String API_KEY = "sk-pi-test";

    final PiAdapter adapter = new PiAdapter();
    final FakeChatCompletions api;
    final Path home;
    final Path piDir;
    final Path work;
    final Path binary;

    PiTestEnvironment() throws IOException {
        this.binary = TestAgents.ensureInstalled(adapter).binary(); // fails with what to install, once per machine
        this.api = new FakeChatCompletions();
        this.home = Files.createTempDirectory("pi-test-home-");
        this.piDir = home.resolve(".pi/agent");
        this.work = Files.createTempDirectory("pi-test-work-");
        Files.createDirectories(piDir);
        var models = Jsons.JSON.createArrayBuilder()
                .add(Jsons.JSON.createObjectBuilder().add("id", "fake-model").add("name", "Fake model"))
                .add(Jsons.JSON.createObjectBuilder().add("id", "fake-thinker").add("reasoning", true));
        Files.writeString(piDir.resolve("models.json"), Jsons.print(Jsons.JSON.createObjectBuilder()
                .add("providers", Jsons.JSON.createObjectBuilder().add("fake", Jsons.JSON.createObjectBuilder()
                        .add("baseUrl", api.baseUrl()).add("api", "openai-completions").add("apiKey", "PI_FAKE_KEY")
                        .add("models", models))).build()));
        Files.writeString(piDir.resolve("settings.json"), Jsons.print(Jsons.JSON.createObjectBuilder()
                .add("defaultProvider", "fake").add("defaultModel", "fake-model").add("quietStartup", true)
                .add("retry", Jsons.JSON.createObjectBuilder().add("enabled", true).add("maxRetries", 1)
                        .add("baseDelayMs", 50).add("provider", Jsons.JSON.createObjectBuilder().add("maxRetries", 0)))
                .build()));
    }

    /** The daemon's environment: this JVM's, with pi's home, configuration and key pointing at the fake. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.put("PI_CODING_AGENT_DIR", piDir.toString());
        env.put("PI_FAKE_KEY", API_KEY);
        env.put("PI_OFFLINE", "1");
        env.remove("PI_CODING_AGENT_SESSION_DIR");
        return env;
    }

    /** A spec for a session in the work directory with the installed CLI. */
    AgentSessionSpec.Builder spec(String sessionId) {
        return AgentSessionSpec.builder(sessionId, work).permissionMode("default").environment(environment())
                .binary(binary);
    }

    AgentCatalog catalog() {
        return new AgentCatalog(List.of(adapter), TestAgents.installer(), environment(), home);
    }

    SessionEngine engine(AgentCatalog catalog) {
        return new SessionEngine(catalog, work);
    }

    SessionEngine engine() {
        return engine(catalog());
    }

    /**
     * SIGKILLs the running pi processes of this JVM, as a crash would. Pi renames its process to
     * "pi" (process.title), so it is found as what it runs on: node (no other node runs under these tests).
     */
    static void killPi() throws Exception {
        List<ProcessHandle> pis = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/node")).orElse(false)).toList();
        if (pis.isEmpty()) {
            throw new AssertionError("no pi process is running");
        }
        for (ProcessHandle p : pis) {
            p.destroyForcibly();
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        api.close();
        for (Path dir : List.of(home, work)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: only a temp directory left behind
            }
        }
    }
}
