package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.adapters.claude.FakeAnthropicApi.HttpError;
import dev.sandboxagent.adapters.claude.FakeAnthropicApi.Hang;
import dev.sandboxagent.adapters.claude.FakeAnthropicApi.Message;
import dev.sandboxagent.adapters.claude.FakeAnthropicApi.Reply;
import dev.sandboxagent.adapters.claude.FakeAnthropicApi.TextBlock;
import dev.sandboxagent.adapters.claude.FakeAnthropicApi.ThinkingBlock;
import dev.sandboxagent.adapters.claude.FakeAnthropicApi.ToolUse;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What the fake model answers, decided from the request alone: the prompt picks the scenario,
 * the number of tool results after it says how far the turn has got.
 */
final class FakeModelScript implements Function<ModelRequest, Reply> {

    static final String TEXT = "say hello";
    static final String TOOL = "read notes.txt";
    static final String PERMISSION = "write a file";
    static final String QUESTION = "ask me a question";
    static final String HANG = "take forever";
    static final String MODEL_ERROR = "fail please";
    static final String THINK = "think first";
    static final String PRINT_ENV = "print the env marker";
    static final String RUN_BASH = "run a command";
    static final String PLAN = "make a plan";
    static final String MAKE_DIR = "make a directory";
    static final String REMEMBER = "remember the number 42";
    static final String RECALL = "which number did I tell you?";
    static final String PROBE = "use the probe";
    /** How claude names the test MCP server's tool when the server is configured as "probe". */
    static final String PROBE_TOOL = "mcp__probe__" + dev.sandboxagent.core.testing.McpTestServer.TOOL;

    static final String NOTES = "notes.txt";
    static final String NOTES_TEXT = "the notes say hi";
    static final String ENV_MARKER = "CLAUDE_ADAPTER_TEST_MARKER";

    /** Where relative paths go when claude's system prompt names no working directory. */
    private final Path fallbackDirectory;

    FakeModelScript(Path fallbackDirectory) {
        this.fallbackDirectory = fallbackDirectory;
    }

    @Override
    public Reply apply(ModelRequest r) {
        String prompt = r.prompt();
        List<String> results = r.toolResults();
        int round = results.size();
        String last = round == 0 ? null : results.getLast();
        return switch (prompt) {
            case TEXT -> Message.text("Hello ", "from the ", "fake model.");
            case THINK -> new Message(List.of(new ThinkingBlock("Let me think."),
                    new TextBlock(List.of("Answer ", "after thinking."))));
            case TOOL -> round == 0
                    ? toolCall("I will read the notes.", "Read", Json.createObjectBuilder()
                    .add("file_path", path(r, NOTES)).build())
                    : Message.text("The notes: ", last);
            case PERMISSION -> round == 0
                    // a new file per session and user message: Write refuses to overwrite unread files
                    ? toolCall("I will write a file.", "Write", Json.createObjectBuilder()
                    .add("file_path", path(r, "written-" + r.sessionId() + "-" + r.allPrompts().size() + ".txt"))
                    .add("content", "written by the fake model\n").build())
                    : Message.text("Write result: ", last);
            case QUESTION -> round == 0
                    ? toolCall("I need to ask you.", "AskUserQuestion", Json.createObjectBuilder()
                    .add("questions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("question", "Which colour should I use?").add("header", "Colour")
                            .add("multiSelect", false)
                            .add("options", Json.createArrayBuilder()
                                    .add(option("red", "A warm colour"))
                                    .add(option("blue", "A cool colour"))))).build())
                    : Message.text("Your answer: ", last);
            case PLAN -> round == 0
                    ? toolCall("Here is my plan.", "ExitPlanMode", Json.createObjectBuilder()
                    .add("plan", "1. Write plan.txt\n2. Report back").build())
                    : Message.text("Plan answer: ", last);
            case PRINT_ENV -> round == 0
                    ? toolCall("Printing it.", "Bash", Json.createObjectBuilder()
                    .add("command", "printenv " + ENV_MARKER).add("description", "Print the marker").build())
                    : Message.text("Marker: ", last);
            case RUN_BASH -> round == 0
                    ? toolCall("Running it.", "Bash", Json.createObjectBuilder()
                    .add("command", "echo ran > ran.txt").add("description", "Write ran.txt").build())
                    : Message.text("Command result: ", last);
            case MAKE_DIR -> round == 0
                    ? toolCall("Making it.", "Bash", Json.createObjectBuilder()
                    .add("command", "mkdir -p made-dir").add("description", "Make a directory").build())
                    : Message.text("Command result: ", last);
            case REMEMBER -> Message.text("I will remember ", "42.");
            case RECALL -> r.allPrompts().stream().anyMatch(p -> p.contains(REMEMBER))
                    ? Message.text("You told me ", "42.")
                    : Message.text("I do not ", "know.");
            case PROBE -> round == 0
                    ? toolCall("Calling the probe.", PROBE_TOOL, Json.createObjectBuilder().build())
                    : Message.text("Probe said: ", last);
            case HANG -> new Hang("Working on it slowly");
            case MODEL_ERROR -> new HttpError(500, "api_error", "fake internal error");
            default -> Message.text("Unknown prompt: ", prompt);
        };
    }

    private String path(ModelRequest r, String name) {
        String cwd = r.workingDirectory();
        return (cwd != null ? Path.of(cwd) : fallbackDirectory).resolve(name).toString();
    }

    private static Message toolCall(String text, String tool, JsonObject input) {
        return new Message(List.of(new TextBlock(List.of(text)), new ToolUse(tool, input)));
    }

    private static JsonObject option(String label, String description) {
        return Json.createObjectBuilder().add("label", label).add("description", description).build();
    }
}
