package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.testing.AgentProcesses;
import dev.sandboxagent.core.testing.TestAgents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real claude CLI (installed once per machine by the project's installer) against the fake
 * Anthropic API, in a private HOME, behind a session engine: what the tests drive.
 */
final class ClaudeFixture implements AutoCloseable {

    static final String MARKER_VALUE = "marker-value-from-the-daemon-env";

    final ClaudeAdapter adapter = new ClaudeAdapter();
    final Path home;
    final Path work;
    final FakeAnthropicApi fake;
    final Map<String, String> env;
    final AgentCatalog catalog;
    final SessionEngine engine;

    ClaudeFixture(Path root) throws IOException {
        TestAgents.ensureInstalled(adapter);
        this.home = Files.createDirectories(root.resolve("home"));
        this.work = Files.createDirectories(root.resolve("work"));
        Files.writeString(work.resolve(FakeModelScript.NOTES), FakeModelScript.NOTES_TEXT + "\n");
        this.fake = new FakeAnthropicApi(new FakeModelScript(work));
        this.env = environment(fake, home);
        this.catalog = new AgentCatalog(List.of(adapter), TestAgents.installer(), env, home);
        this.engine = new SessionEngine(catalog, work);
    }

    /** This JVM's environment with claude pointed at the fake, offline, in a private HOME. */
    static Map<String, String> environment(FakeAnthropicApi fake, Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE_") || k.equals("IS_SANDBOX"));
        env.put("HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", fake.baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-fake-key-for-tests");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "0"); // a model error fails the turn at once
        env.put(FakeModelScript.ENV_MARKER, MARKER_VALUE);
        return env;
    }

    /** SIGKILLs the claude process of a daemon session (found by its native id on the command line). */
    void kill(String sessionId) throws InterruptedException {
        AgentProcesses.kill(engine.getSession(sessionId).nativeSessionId());
    }

    @Override
    public void close() {
        engine.shutdown();
        fake.close();
    }
}
