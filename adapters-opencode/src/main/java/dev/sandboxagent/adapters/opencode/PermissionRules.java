package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

/**
 * Our permission modes as an OpenCode session ruleset, given when the session is created.
 * OpenCode evaluates the agent's rules (from its defaults and the user's config) followed by
 * the session's, and the last matching rule wins, so these override the user's config only
 * for the tools they name. The "edit" permission covers OpenCode's edit, write and patch tools.
 */
final class PermissionRules {

    private PermissionRules() {
    }

    static JsonArray forMode(String permissionMode) {
        JsonArrayBuilder rules = Jsons.JSON.createArrayBuilder();
        switch (permissionMode == null ? "default" : permissionMode) {
            case "bypass" -> rules.add(rule("*", "allow"));
            case "acceptEdits" -> rules.add(rule("edit", "allow")).add(rule("bash", "ask"));
            case "plan" -> rules.add(rule("edit", "deny")).add(rule("bash", "ask"));
            default -> rules.add(rule("edit", "ask")).add(rule("bash", "ask"));
        }
        return rules.build();
    }

    private static jakarta.json.JsonObject rule(String permission, String action) {
        return Jsons.JSON.createObjectBuilder().add("permission", permission).add("pattern", "*")
                .add("action", action).build();
    }
}
