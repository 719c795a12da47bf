package dev.sandboxagent.adapters.codex;

/**
 * How the daemon's permission modes map onto codex's approval policy and sandbox, as observed
 * with codex 0.169.0 (see agents/codex.md):
 * <ul>
 * <li>{@code default}: {@code on-request} + {@code read-only}. Reading commands run in the
 * read-only sandbox without asking; a command that needs to write must be escalated by the model
 * ({@code sandbox_permissions: require_escalated}) and is asked for; every patch is asked for.
 * ({@code untrusted} was not used: it asks even before {@code ls}.)</li>
 * <li>{@code acceptEdits}: {@code on-request} + {@code workspace-write}: patches and commands
 * writing inside the session directory run; escalations are asked for.</li>
 * <li>{@code plan}: {@code never} + {@code read-only}: nothing can write and nothing asks.</li>
 * <li>{@code bypass}: {@code never} + {@code danger-full-access}: everything runs.</li>
 * </ul>
 */
record CodexPolicy(String approvalPolicy, String sandbox) {

    static CodexPolicy forPermissionMode(String permissionMode) {
        return switch (permissionMode == null ? "default" : permissionMode) {
            case "acceptEdits" -> new CodexPolicy("on-request", "workspace-write");
            case "plan" -> new CodexPolicy("never", "read-only");
            case "bypass" -> new CodexPolicy("never", "danger-full-access");
            default -> new CodexPolicy("on-request", "read-only");
        };
    }
}
