package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.SessionSkills;

import java.util.ArrayList;
import java.util.List;

/** The command line of a session's {@code pi --mode rpc} process. */
final class PiCommandLine {

    /** Pi's read-only built-in tools: what permission mode "plan" leaves it. */
    static final String READ_ONLY_TOOLS = "read,grep,find,ls";

    private PiCommandLine() {
    }

    /**
     * {@code pi --mode rpc [--session ID] [--model M] [--thinking LEVEL] [--tools read,grep,find,ls]
     * [--skill DIR]...}. Pi has no permission prompts, so the permission modes differ only in the
     * tools pi may use: {@code plan} enables just the read-only ones; {@code default},
     * {@code acceptEdits} and {@code bypass} keep pi's defaults (read, bash, edit, write), which run
     * without asking.
     */
    static List<String> argv(AgentSessionSpec spec) {
        List<String> argv = new ArrayList<>();
        argv.add(spec.binary() != null ? spec.binary().toString() : PiAdapter.BIN);
        argv.addAll(List.of("--mode", "rpc"));
        if (spec.resumeNativeSessionId() != null) {
            argv.addAll(List.of("--session", spec.resumeNativeSessionId()));
        }
        if (present(spec.model())) {
            argv.addAll(List.of("--model", spec.model()));
        }
        if (present(spec.variant())) {
            argv.addAll(List.of("--thinking", spec.variant())); // off, minimal, low, medium, high, xhigh
        }
        if ("plan".equals(spec.permissionMode())) {
            argv.addAll(List.of("--tools", READ_ONLY_TOOLS));
        }
        for (SessionSkills.Skill skill : spec.skills()) {
            argv.addAll(List.of("--skill", skill.directory().toString()));
        }
        return argv;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
