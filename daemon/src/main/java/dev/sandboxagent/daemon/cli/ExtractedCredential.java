package dev.sandboxagent.daemon.cli;

import java.util.List;

/**
 * One credential found on this machine by {@code credentials extract}.
 *
 * @param agents   the agents that use it
 * @param provider whose credential it is: anthropic, openai, amp, ...
 * @param kind     {@code api_key} or {@code oauth}
 * @param source   where it was found, e.g. {@code env ANTHROPIC_API_KEY} or {@code file ~/.codex/auth.json}
 * @param envVar   the environment variable that hands it to an agent in a sandbox, or null (only the file works)
 * @param value    the secret
 */
public record ExtractedCredential(List<String> agents, String provider, String kind, String source, String envVar,
                                  String value) {

    public boolean oauth() {
        return "oauth".equals(kind);
    }

    /** The value with all but its first four characters hidden (unless {@code --reveal}). */
    public String redacted() {
        return (value.length() > 12 ? value.substring(0, 4) : "") + "…[redacted, " + value.length() + " chars]";
    }
}
