package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.CredentialSource;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the agents' credentials on this machine ({@code credentials extract} and
 * {@code extract-env}): every credential environment variable of the agents that is set, and the
 * secrets inside the credential files the agent CLIs write under the home directory (Claude
 * Code's OAuth login, Codex's API key or login, OpenCode's and pi's provider keys and logins).
 */
public final class CredentialExtractor {

    /**
     * provider and kind of the agents' known credential variables; another {@code X_API_KEY} is
     * provider {@code x} (pi's OPENROUTER_API_KEY: openrouter), anything else the agent's own api_key.
     */
    private static final Map<String, String[]> ENV = Map.ofEntries(
            Map.entry("ANTHROPIC_API_KEY", new String[]{"anthropic", "api_key"}),
            Map.entry("ANTHROPIC_AUTH_TOKEN", new String[]{"anthropic", "api_key"}),
            Map.entry("ANTHROPIC_OAUTH_TOKEN", new String[]{"anthropic", "oauth"}),
            Map.entry("CLAUDE_CODE_OAUTH_TOKEN", new String[]{"anthropic", "oauth"}),
            Map.entry("OPENAI_API_KEY", new String[]{"openai", "api_key"}),
            Map.entry("CODEX_API_KEY", new String[]{"openai", "api_key"}),
            Map.entry("AMP_API_KEY", new String[]{"amp", "api_key"}),
            Map.entry("GEMINI_API_KEY", new String[]{"google", "api_key"}),
            Map.entry("AWS_BEARER_TOKEN_BEDROCK", new String[]{"amazon-bedrock", "api_key"}));
    private static final Map<String, String> PROVIDER_ENV = Map.of("anthropic", "ANTHROPIC_API_KEY",
            "openai", "OPENAI_API_KEY");

    private final List<AgentAdapter> agents;
    private final Map<String, String> env;
    private final Path home;

    public CredentialExtractor(List<AgentAdapter> agents, Map<String, String> env, Path home) {
        this.agents = agents;
        this.env = env;
        this.home = home;
    }

    /** Every credential found, environment variables first, in the agents' order of sources. */
    public List<ExtractedCredential> extract() {
        List<ExtractedCredential> found = new ArrayList<>();
        List<CredentialSource> seen = new ArrayList<>();
        for (AgentAdapter agent : agents) {
            for (CredentialSource source : agent.credentialSources()) {
                if (seen.contains(source) || !source.isPresent(env, home)) {
                    continue;
                }
                seen.add(source);
                List<String> users = agents.stream().filter(a -> a.credentialSources().contains(source))
                        .map(AgentAdapter::id).toList();
                switch (source) {
                    case CredentialSource.EnvVar v -> {
                        String[] pk = ENV.getOrDefault(v.name(), new String[]{provider(v.name(), agent.id()), "api_key"});
                        found.add(new ExtractedCredential(users, pk[0], pk[1], source.describe(), v.name(), env.get(v.name())));
                    }
                    case CredentialSource.HomeFile f -> found.addAll(fromFile(users, f, home.resolve(f.relativePath())));
                }
            }
        }
        found.sort(java.util.Comparator.comparing(c -> c.source().startsWith("file ") ? 1 : 0));
        return found;
    }

    private static List<ExtractedCredential> fromFile(List<String> users, CredentialSource.HomeFile source, Path file) {
        JsonObject json = read(file);
        List<ExtractedCredential> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        String where = source.describe();
        switch (source.relativePath()) {
            case ".claude/.credentials.json" -> {
                String token = string(json.get("claudeAiOauth"), "accessToken");
                add(out, users, "anthropic", "oauth", where, "CLAUDE_CODE_OAUTH_TOKEN", token);
            }
            case ".codex/auth.json" -> {
                add(out, users, "openai", "api_key", where, "OPENAI_API_KEY", string(json, "OPENAI_API_KEY"));
                add(out, users, "openai", "oauth", where, null, string(json.get("tokens"), "access_token"));
            }
            // the same format: {"provider": {"type": "api_key", "key"} | {"type": "oauth", "access", ...}}
            case ".local/share/opencode/auth.json", ".pi/agent/auth.json" -> json.forEach((provider, entry) -> {
                boolean oauth = "oauth".equals(string(entry, "type"));
                add(out, users, provider, oauth ? "oauth" : "api_key", where, oauth ? null : PROVIDER_ENV.get(provider),
                        oauth ? string(entry, "access") : string(entry, "key"));
            });
            default -> {
                // a plugin's file: its format is unknown, so it is named (to copy) but not read
            }
        }
        return out;
    }

    private static String provider(String variable, String agent) {
        String suffix = "_API_KEY";
        return variable.endsWith(suffix) && variable.length() > suffix.length()
                ? variable.substring(0, variable.length() - suffix.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : agent;
    }

    private static void add(List<ExtractedCredential> out, List<String> users, String provider, String kind, String where,
                            String envVar, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new ExtractedCredential(users, provider, kind, where, envVar, value));
        }
    }

    private static String string(JsonValue object, String name) {
        return object instanceof JsonObject o && o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonObject read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonReader json = Jsons.JSON.createReader(r)) {
            return json.readObject();
        } catch (IOException | JsonException | IllegalStateException e) {
            return null; // unreadable or not a JSON object: nothing to extract from it
        }
    }
}
