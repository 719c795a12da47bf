package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.spi.AgentSessionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of one claude session: a long-lived process speaking
 * stream-json both ways, asking permissions over stdio, with partial messages so that text
 * streams as deltas.
 */
final class ClaudeCommand {

    /** The agent mode that maps to claude's plan permission mode. */
    static final String PLAN_AGENT_MODE = "plan";

    private ClaudeCommand() {
    }

    /**
     * @param sessionId the native session id for a new conversation ({@code --session-id}), or
     * @param resumeId  the stored conversation to continue ({@code --resume}); exactly one is set
     * @param mcpConfig the {@code --mcp-config} JSON, or null
     */
    static List<String> argv(Path binary, AgentSessionSpec spec, String sessionId, String resumeId, String mcpConfig) {
        if ((sessionId == null) == (resumeId == null)) {
            throw new IllegalArgumentException("exactly one of sessionId and resumeId must be given");
        }
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "-p",
                "--output-format", "stream-json", "--input-format", "stream-json", "--verbose",
                "--include-partial-messages", "--permission-prompt-tool", "stdio",
                "--permission-mode", permissionMode(spec.agentMode(), spec.permissionMode())));
        if (resumeId != null) {
            argv.addAll(List.of("--resume", resumeId));
        } else {
            argv.addAll(List.of("--session-id", sessionId));
        }
        String model = spec.model();
        if (model != null && !model.isBlank() && !ClaudeAdapter.DEFAULT_MODEL.equals(model)) {
            argv.addAll(List.of("--model", model));
        }
        if (spec.variant() != null && !spec.variant().isBlank()) {
            argv.addAll(List.of("--effort", spec.variant()));
        }
        if (mcpConfig != null) {
            argv.addAll(List.of("--mcp-config", mcpConfig));
        }
        return argv;
    }

    /** Our permission modes (and the plan agent mode) as claude's {@code --permission-mode} values. */
    static String permissionMode(String agentMode, String permissionMode) {
        if (PLAN_AGENT_MODE.equals(agentMode)) {
            return "plan";
        }
        if (permissionMode == null) {
            return "default";
        }
        return switch (permissionMode) {
            case "default" -> "default";
            case "acceptEdits" -> "acceptEdits";
            case "plan" -> "plan";
            case "bypass" -> "bypassPermissions";
            default -> throw new IllegalArgumentException("unknown permission mode '" + permissionMode + "'");
        };
    }

    /**
     * The daemon's environment for the process. claude refuses bypassPermissions as root unless
     * {@code IS_SANDBOX=1} says it runs in a sandbox, which is where this daemon runs.
     */
    static Map<String, String> environment(AgentSessionSpec spec, boolean root) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        String mode = permissionMode(spec.agentMode(), spec.permissionMode());
        if (root && "bypassPermissions".equals(mode)) {
            env.putIfAbsent("IS_SANDBOX", "1");
        }
        ClaudeMcpConfig.timeoutMs(spec.mcpServers()).ifPresent(ms -> {
            env.put("MCP_TIMEOUT", Long.toString(ms));
            env.put("MCP_TOOL_TIMEOUT", Long.toString(ms));
        });
        return env;
    }

    /** Whether this JVM runs as uid 0 (Linux: the owner of /proc/self). */
    static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
