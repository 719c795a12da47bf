package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.NpmDistribution;

import java.util.List;
import java.util.Map;

/**
 * The table of agents driven through the Agent Client Protocol: adding one is a row here and a
 * three-line {@link AcpAdapter} subclass registered for the ServiceLoader. Facts behind each row
 * (flags, modes, quirks) are in {@code docs/agents/<id>.md}.
 */
public final class AcpAgents {

    private AcpAgents() {
    }

    /** What every ACP agent gives us through the protocol alone (modes may plan; see each row). */
    private static AgentCapabilities.Builder acpBasics() {
        return AgentCapabilities.builder()
                .planMode() // every row has an ACP mode "plan"
                .permissions() // session/request_permission
                .toolCalls()
                .toolResults()
                .textMessages()
                .images() // prompt capability "image": images go as image content blocks
                .fileAttachments() // other files go as resource links
                .sessionLifecycle() // session/new gives the native session id
                .errorEvents()
                .reasoning() // agent_thought_chunk
                .status() // plans, mode changes
                .fileChanges() // tool calls of kind "edit" carry diffs
                .streamingDeltas()
                .itemStarted();
    }

    /** Gemini CLI 0.61.0 in its ACP mode ({@code --acp}); {@code --skip-trust} trusts the session's directory. */
    public static final AcpAgentSpec GEMINI = new AcpAgentSpec(
            "gemini", "Gemini CLI",
            new NpmDistribution("@google/gemini-cli", "gemini", "0.61.0"),
            List.of("--acp", "--skip-trust"), "--model",
            List.of(new CredentialSource.EnvVar("GEMINI_API_KEY"), new CredentialSource.EnvVar("GOOGLE_API_KEY"),
                    new CredentialSource.HomeFile(".gemini/oauth_creds.json")),
            List.of(new AgentMode("default", "Default", "Prompts for approval"),
                    new AgentMode("autoEdit", "Auto Edit", "Auto-approves edit tools"),
                    new AgentMode("yolo", "YOLO", "Auto-approves all tools"),
                    new AgentMode("plan", "Plan", "Read-only mode")),
            Map.of("default", "default", "acceptEdits", "autoEdit", "plan", "plan", "bypass", "yolo"),
            false, // 0.61.0 cannot create a file through fs/*: it misreads the client's "not found" error
            acpBasics().build());

    /** Qwen Code 0.24.4 in its ACP mode ({@code --acp}), talking to any OpenAI-compatible API. */
    public static final AcpAgentSpec QWEN = new AcpAgentSpec(
            "qwen", "Qwen Code",
            new NpmDistribution("@qwen-code/qwen-code", "qwen", "0.24.4"),
            List.of("--acp"), "--model",
            List.of(new CredentialSource.EnvVar("OPENAI_API_KEY"), new CredentialSource.EnvVar("DASHSCOPE_API_KEY"),
                    new CredentialSource.HomeFile(".qwen/oauth_creds.json")),
            List.of(new AgentMode("default", "Default", "Require approval for file edits or shell commands"),
                    new AgentMode("plan", "Plan", "Analyze only, do not modify files or execute commands"),
                    new AgentMode("auto-edit", "Auto Edit", "Automatically approve file edits"),
                    new AgentMode("auto", "Auto", "LLM classifier auto-approves safe actions, blocks risky ones"),
                    new AgentMode("yolo", "YOLO", "Automatically approve all tools")),
            Map.of("default", "default", "acceptEdits", "auto-edit", "plan", "plan", "bypass", "yolo"),
            true,
            acpBasics().build());
}
