package dev.sandboxagent.adapters.opencode;

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
 * The real {@code opencode serve} for a test class: the pinned CLI, a private HOME and XDG
 * dirs (no user config leaks in), the fake model server as provider "fake" through
 * {@code OPENCODE_CONFIG_CONTENT} (the user's config, which the adapter must keep), and an
 * engine with a fresh adapter.
 */
final class OpencodeTestEnv implements AutoCloseable {

    final FakeModelServer fake;
    final OpencodeAdapter adapter;
    final Path root;
    final Path work;
    final Map<String, String> env;
    final SessionEngine engine;

    OpencodeTestEnv(Path root, Map<String, String> extraEnv) throws IOException {
        this(root, extraEnv, new OpencodeAdapter());
    }

    /** With an adapter made for the test (e.g. one that reaches its server through a proxy). */
    OpencodeTestEnv(Path root, Map<String, String> extraEnv, OpencodeAdapter adapter) throws IOException {
        this.adapter = adapter;
        TestAgents.ensureInstalled(adapter);
        this.fake = new FakeModelServer();
        this.root = root;
        this.work = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(root.resolve("home"));
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put("HOME", home.toString());
        e.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        e.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        e.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        e.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        e.put("OPENCODE_CONFIG_CONTENT", config(fake.baseUrl()));
        e.put("OPENCODE_DISABLE_MODELS_FETCH", "1");
        e.put("OPENCODE_DISABLE_AUTOUPDATE", "1");
        e.put("OPENCODE_DISABLE_LSP_DOWNLOAD", "1");
        e.put("OPENCODE_DISABLE_SHARE", "1");
        // nothing of the machine's own OpenCode setup may leak in
        e.keySet().removeIf(k -> k.equals("OPENCODE_CONFIG") || k.equals("OPENCODE_PERMISSION")
                || k.equals("OPENCODE_SERVER_PASSWORD"));
        e.putAll(extraEnv);
        this.env = Map.copyOf(e);
        AgentCatalog catalog = new AgentCatalog(List.of(adapter), TestAgents.installer(), env, home);
        this.engine = new SessionEngine(catalog, work);
    }

    /** Provider "fake" (and "fake2") at the fake model server, as a user would configure them. */
    static String config(String baseUrl) {
        String provider = """
                {"npm":"@ai-sdk/openai-compatible","name":"%s","options":{"baseURL":"%s","apiKey":"fake-key"},
                 "models":{"%s":{"name":"%s","tool_call":true,"attachment":true,
                   "modalities":{"input":["text","image"],"output":["text"]},"limit":{"context":100000,"output":4096}}}}""";
        return """
                {"$schema":"https://opencode.ai/config.json","autoupdate":false,"share":"disabled",
                 "enabled_providers":["fake","fake2"],"model":"fake/fake-model","small_model":"fake/fake-model",
                 "provider":{"fake":%s,"fake2":%s}}""".formatted(
                provider.formatted("Fake LLM", baseUrl, "fake-model", "Fake Model"),
                provider.formatted("Fake LLM 2", baseUrl, "other-model", "Other Fake Model"));
    }

    @Override
    public void close() {
        engine.shutdown();
        fake.close();
    }
}
