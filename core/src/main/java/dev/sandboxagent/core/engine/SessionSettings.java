package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentMode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Checks and defaults for the settings of a new session: its modes and directory (MCP and skills: {@code McpServer}, {@code SessionSkills}). */
final class SessionSettings {

    /** The permission modes every adapter maps to its agent's own. */
    static final List<String> PERMISSION_MODES = List.of("default", "acceptEdits", "plan", "bypass");

    private SessionSettings() {
    }

    static String agentMode(AgentAdapter adapter, String requested) {
        List<AgentMode> modes = adapter.modes();
        if (requested == null) {
            return modes.isEmpty() ? "default" : modes.getFirst().id();
        }
        if (modes.stream().noneMatch(m -> m.id().equals(requested))) {
            throw new SandboxException(ErrorType.MODE_NOT_SUPPORTED, "agent '" + adapter.id()
                    + "' has no mode '" + requested + "'; its modes: "
                    + modes.stream().map(AgentMode::id).toList());
        }
        return requested;
    }

    static String permissionMode(String requested) {
        if (requested == null) {
            return "default";
        }
        if (!PERMISSION_MODES.contains(requested)) {
            throw new SandboxException(ErrorType.MODE_NOT_SUPPORTED, "unknown permission mode '" + requested
                    + "'; expected one of " + PERMISSION_MODES);
        }
        return requested;
    }

    /** The session's directory: the default one, or the requested one (relative to the default), which must exist. */
    static Path directory(String requested, Path defaultDirectory) {
        if (requested == null || requested.isBlank()) {
            return defaultDirectory;
        }
        Path p;
        try {
            p = Path.of(requested);
        } catch (InvalidPathException e) {
            throw SandboxException.invalid("directory '" + requested + "' is not a valid path");
        }
        if (!p.isAbsolute()) {
            p = defaultDirectory.resolve(p).normalize();
        }
        if (!Files.isDirectory(p)) {
            throw SandboxException.invalid("directory '" + requested + "' does not exist or is not a directory");
        }
        return p;
    }
}
