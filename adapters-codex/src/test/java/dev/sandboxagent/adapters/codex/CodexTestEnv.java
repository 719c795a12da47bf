package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.adapters.codex.fake.FakeResponsesApi;
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
 * The real codex CLI (pinned version, installed once per machine) pointed at a {@link FakeResponsesApi}
 * through a private {@code CODEX_HOME}, and a session engine with the codex adapter. The home is
 * under {@code target/}, not the temp dir: codex refuses to create its helper binaries under /tmp.
 */
final class CodexTestEnv implements AutoCloseable {

    static final String API_KEY = "sk-fake-codex-test";

    final FakeResponsesApi fake;
    final CodexAdapter adapter = new CodexAdapter();
    final Path codexHome;
    final Path workDir;
    final Map<String, String> env;
    final SessionEngine engine;

    CodexTestEnv() throws IOException {
        this(Map.of());
    }

    CodexTestEnv(Map<String, String> extraEnv) throws IOException {
        this(extraEnv, null);
    }

    /** {@code baseUrl} null: the fake's; otherwise e.g. a port nobody listens on. */
    CodexTestEnv(Map<String, String> extraEnv, String baseUrl) throws IOException {
        TestAgents.ensureInstalled(adapter);
        fake = new FakeResponsesApi();
        Path root = Files.createDirectories(Path.of("target", "codex-test").toAbsolutePath());
        codexHome = Files.createTempDirectory(root, "home-");
        workDir = Files.createTempDirectory(root, "work-");
        Files.writeString(codexHome.resolve("config.toml"), config(baseUrl != null ? baseUrl : fake.baseUrl()));
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put("CODEX_HOME", codexHome.toString());
        e.put("OPENAI_API_KEY", API_KEY);
        e.putAll(extraEnv);
        env = Map.copyOf(e);
        AgentCatalog catalog = new AgentCatalog(List.of(adapter), TestAgents.installer(), env, codexHome);
        engine = new SessionEngine(catalog, workDir);
    }

    static String config(String baseUrl) {
        return """
                model = "gpt-5.5"
                model_provider = "mock"

                [model_providers.mock]
                name = "mock"
                base_url = "%s"
                wire_api = "responses"
                env_key = "OPENAI_API_KEY"
                request_max_retries = 0
                stream_max_retries = 0
                stream_idle_timeout_ms = 60000
                """.formatted(baseUrl);
    }

    @Override
    public void close() {
        engine.shutdown();
        fake.close();
        delete(codexHome);
        delete(workDir);
    }

    /** Best effort: codex's home holds a state database and helper copies (~10 MB each). */
    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // left for mvn clean
        }
    }
}
