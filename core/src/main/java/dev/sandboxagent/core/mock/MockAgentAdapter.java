package dev.sandboxagent.core.mock;

import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModel;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.TurnUsage;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in {@code mock} agent: pure Java, deterministic, needs no credentials. It makes a
 * fresh daemon useful, is the fixture of the HTTP tests and the load generator of the
 * benchmarks. Send it {@code help} to see its commands ({@link MockCommand}).
 */
public final class MockAgentAdapter implements AgentAdapter {

    public static final String ID = "mock";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AgentCapabilities capabilities() {
        return AgentCapabilities.builder()
                .permissions()
                .questions()
                .toolCalls()
                .toolResults()
                .textMessages()
                .images()
                .sessionLifecycle()
                .errorEvents()
                .reasoning()
                .status()
                .streamingDeltas()
                .itemStarted()
                // not fileAttachments: attachments are listed in the user item but not read
                .build();
    }

    /**
     * The mock accepts any (valid) MCP and skills config and uses none of it, so that clients
     * can try their session requests against it; its capabilities say it has no MCP tools.
     */
    @Override
    public void checkSessionConfig(List<dev.sandboxagent.core.spi.McpServer> mcp,
                                   List<dev.sandboxagent.core.spi.SessionSkills.Skill> skills) {
        // taken, and ignored
    }

    @Override
    public List<AgentMode> modes() {
        return List.of(new AgentMode("build", "Build", "The mock's only mode: it answers commands (send 'help')."));
    }

    @Override
    public AgentModels models(Path binary) {
        return new AgentModels(List.of(new AgentModel("mock-1", "Mock model", null, null)), "mock-1");
    }

    @Override
    public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
        return new MockAgentSession(spec, sink);
    }

    /**
     * The mock's usage report, deterministic so tests can assert exact sums: one input token per
     * character of the message, 10 output and 5 cached tokens, and one cent per turn.
     */
    public static TurnUsage usage(String text) {
        return new TurnUsage(text.length(), 10, 5, new BigDecimal("0.01"));
    }
}
