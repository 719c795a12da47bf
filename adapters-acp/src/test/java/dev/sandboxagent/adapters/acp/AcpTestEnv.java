package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.adapters.acp.fake.FakeModelServer;
import dev.sandboxagent.adapters.acp.fake.GeminiDialect;
import dev.sandboxagent.adapters.acp.fake.OpenAiDialect;
import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.testing.TestAgents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ACP agent CLI (its pinned version, installed once per machine by our installer) with a
 * private HOME, pointed at a scripted fake of its model API on 127.0.0.1, and a session engine
 * with the agent's adapter. The HOME's settings only make the agent test-friendly (no retries of
 * failed model calls, no side requests); the adapter itself adds nothing for the tests.
 */
final class AcpTestEnv implements AutoCloseable {

    static final String API_KEY = "fake-key-for-tests";

    final AcpAdapter adapter;
    final FakeModelServer fake;
    final Path home;
    final Path work;
    final Map<String, String> env;
    final SessionEngine engine;

    private AcpTestEnv(AcpAdapter adapter, FakeModelServer.Dialect dialect) throws IOException {
        this.adapter = adapter;
        TestAgents.ensureInstalled(adapter); // fails with what to install, never skips
        fake = new FakeModelServer(dialect);
        Path root = Files.createDirectories(Path.of("target", "acp-test").toAbsolutePath());
        home = Files.createTempDirectory(root, adapter.id() + "-home-");
        work = Files.createTempDirectory(root, adapter.id() + "-work-");
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put("HOME", home.toString());
        e.keySet().removeIf(k -> k.startsWith("GEMINI_") || k.startsWith("GOOGLE_") || k.startsWith("OPENAI_")
                || k.startsWith("QWEN_") || k.startsWith("DASHSCOPE_"));
        env = e;
        engine = null;
    }

    private AcpTestEnv(AcpTestEnv base) {
        this.adapter = base.adapter;
        this.fake = base.fake;
        this.home = base.home;
        this.work = base.work;
        this.env = Map.copyOf(base.env);
        this.engine = new SessionEngine(new AgentCatalog(List.of(adapter), TestAgents.installer(), env, home), work);
    }

    /** Gemini CLI: the Gemini API at GOOGLE_GEMINI_BASE_URL, one attempt per model call, a fixed model. */
    static AcpTestEnv gemini() throws IOException {
        AcpTestEnv e = new AcpTestEnv(new GeminiAdapter(), new GeminiDialect());
        e.env.put("GOOGLE_GEMINI_BASE_URL", e.fake.baseUrl());
        e.env.put("GEMINI_API_KEY", API_KEY);
        Files.createDirectories(e.home.resolve(".gemini"));
        Files.writeString(e.home.resolve(".gemini/settings.json"), """
                {"general": {"maxAttempts": 1},
                 "model": {"name": "gemini-2.5-flash"},
                 "privacy": {"usageStatisticsEnabled": false}}
                """);
        return new AcpTestEnv(e);
    }

    /** Qwen Code: an OpenAI-compatible API at OPENAI_BASE_URL, without follow-up suggestion requests. */
    static AcpTestEnv qwen() throws IOException {
        AcpTestEnv e = new AcpTestEnv(new QwenAdapter(), new OpenAiDialect());
        e.env.put("OPENAI_BASE_URL", e.fake.baseUrl() + "/v1");
        e.env.put("OPENAI_API_KEY", API_KEY);
        e.env.put("OPENAI_MODEL", "fake-model");
        Files.createDirectories(e.home.resolve(".qwen"));
        Files.writeString(e.home.resolve(".qwen/settings.json"), """
                {"ui": {"enableFollowupSuggestions": false},
                 "model": {"generationConfig": {"maxRetries": 0}},
                 "privacy": {"usageStatisticsEnabled": false}}
                """);
        return new AcpTestEnv(e);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.shutdown();
        }
        fake.close();
        for (Path dir : List.of(home, work)) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // left for mvn clean
            }
        }
    }
}
