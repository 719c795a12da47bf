package dev.sandboxagent.daemon.api;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code api sessions create}: POST /v1/sessions/{id}. */
@Command(name = "create", description = {"Creates a session with an agent (POST /v1/sessions/{id}); "
        + "an agent that is not installed yet is installed first.", "Prints the created session (healthy, error, nativeSessionId)."},
        footer = {"  sandbox-daemon api sessions create demo --agent mock",
                "  sandbox-daemon api sessions create fix-bug --agent claude \\",
                "      --permission-mode default --model sonnet",
                "  sandbox-daemon api sessions create s1 -a claude -g build -p plan -m opus \\",
                "      -A 2.0.14 --mcp-config .mcp.json --skill ./skills",
                "  sandbox-daemon api sessions create s2 --agent codex --directory /workspace \\",
                "      --title 'Fix the build'"})
final class SessionCreateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The new session's id (chosen by the client).")
    String sessionId;

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", description = "The agent, e.g. claude, codex, opencode, amp, pi, mock.")
    String agent;

    @Option(names = {"-g", "--agent-mode"}, paramLabel = "MODE", description = "The agent's mode (see 'api agents modes AGENT').")
    String agentMode;

    @Option(names = {"-p", "--permission-mode"}, paramLabel = "MODE", description = "Permission mode, e.g. default, plan, bypass.")
    String permissionMode;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", description = "The model (see 'api agents models AGENT').")
    String model;

    @Option(names = {"-v", "--variant"}, paramLabel = "VARIANT", description = "The model variant, e.g. a reasoning effort.")
    String variant;

    @Option(names = {"-A", "--agent-version"}, paramLabel = "V", description = "The agent CLI version to use (installed if needed).")
    String agentVersion;

    @Option(names = "--directory", paramLabel = "DIR", description = "The agent's working directory on the daemon's machine.")
    String directory;

    @Option(names = "--title", paramLabel = "TITLE", description = "A title for the session.")
    String title;

    @Option(names = "--mcp", paramLabel = "JSON", description = "MCP servers, a JSON object as in the API's 'mcp' field.")
    String mcp;

    @Option(names = "--mcp-config", paramLabel = "PATH", description = "A JSON file of MCP servers: the API's 'mcp' "
            + "object, or one with it under \"mcpServers\" (as in .mcp.json).")
    Path mcpConfig;

    @Option(names = "--skills", paramLabel = "JSON", description = "Skills configuration, a JSON object as in the API's 'skills' field.")
    String skills;

    @Option(names = "--skill", paramLabel = "PATH", description = "A folder of skills on the daemon's machine "
            + "(a 'local' skill source); repeatable.")
    List<String> skillDirs = new ArrayList<>();

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        JsonObjectBuilder body = Jsons.JSON.createObjectBuilder().add("agent", agent);
        add(body, "agentMode", agentMode);
        add(body, "permissionMode", permissionMode);
        add(body, "model", model);
        add(body, "variant", variant);
        add(body, "agentVersion", agentVersion);
        add(body, "directory", directory);
        add(body, "title", title);
        if (mcp != null && mcpConfig != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mcp and --mcp-config exclude each other");
        }
        if (mcp != null) {
            body.add("mcp", object("--mcp", mcp));
        }
        if (mcpConfig != null) {
            JsonObject file = object("--mcp-config " + mcpConfig, read(mcpConfig));
            body.add("mcp", file.get("mcpServers") instanceof JsonObject servers ? servers : file);
        }
        if (skills != null && !skillDirs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--skills and --skill exclude each other");
        }
        if (skills != null) {
            body.add("skills", object("--skills", skills));
        }
        if (!skillDirs.isEmpty()) {
            JsonArrayBuilder sources = Jsons.JSON.createArrayBuilder();
            skillDirs.forEach(dir -> sources.add(Jsons.JSON.createObjectBuilder().add("type", "local").add("source", dir)));
            body.add("skills", Jsons.JSON.createObjectBuilder().add("sources", sources));
        }
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId), body.build()));
    }

    private static void add(JsonObjectBuilder body, String name, String value) {
        if (value != null) {
            body.add(name, value);
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --mcp-config " + file + ": " + e);
        }
    }

    private JsonObject object(String option, String json) {
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be a JSON object: " + e.getMessage());
        }
    }
}
