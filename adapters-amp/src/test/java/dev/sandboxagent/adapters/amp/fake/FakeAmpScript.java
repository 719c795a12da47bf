package dev.sandboxagent.adapters.amp.fake;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import static jakarta.json.Json.createObjectBuilder;

/**
 * The scripted agent of the fake Amp server: what one user message gets, decided from its text
 * alone. Prompts (substrings of the user text):
 * <ul>
 *   <li>{@value #TOOL}: runs {@code echo hello-from-tool} with shell_command, then reports the result;</li>
 *   <li>{@value #RM}: runs {@code rm -rf ./nothing-here} (Amp's built-in rules ask for it, which execute mode rejects);</li>
 *   <li>{@value #WRITE}: creates {@code notes.txt} in the executor's working directory with create_file;</li>
 *   <li>{@value #THINK}: a thinking block, then text;</li>
 *   <li>{@value #HANG}: says it is working and never finishes (until cancelled);</li>
 *   <li>{@value #FAIL}: the inference fails ({@code error_set});</li>
 *   <li>anything else: "Hello from the fake Amp server. You said: TEXT (mode MODE)".</li>
 * </ul>
 */
public final class FakeAmpScript {

    public static final String TOOL = "please use a tool";
    public static final String RM = "please remove";
    public static final String WRITE = "please write a file";
    public static final String THINK = "please think";
    public static final String HANG = "please hang";
    public static final String FAIL = "please fail";
    public static final String HANG_TEXT = "Working on it, this will take a while.";

    private static final JsonObject USAGE = createObjectBuilder().add("model", "fake-model")
            .add("maxInputTokens", 200000).add("inputTokens", 10).add("outputTokens", 5)
            .add("cacheCreationInputTokens", JsonValue.NULL).add("cacheReadInputTokens", JsonValue.NULL)
            .add("totalInputTokens", 10).build();

    private static final jakarta.json.JsonArray TOOLS = jakarta.json.Json.createArrayBuilder(java.util.List.of(
            "apply_patch", "async_shell_command", "create_file", "edit_file", "glob", "Grep", "Read",
            "shell_command", "shell_command_kill", "shell_command_status", "skill", "web_search")).build();

    private final FakeAmpThread thread;
    private final JsonObject user;
    private final String text;
    private final String mode;

    FakeAmpScript(FakeAmpThread thread, JsonObject user) {
        this.thread = thread;
        this.user = user;
        this.text = FakeAmpThread.text(user.getJsonArray("content"));
        this.mode = user.getString("agentMode", "?");
    }

    void run() throws InterruptedException {
        thread.messageAdded(createObjectBuilder().add("role", "user").add("content", user.getJsonArray("content"))
                .add("messageId", user.getString("messageId", FakeAmpThread.newId("M-"))).add("agentMode", mode)
                .add("threadId", thread.id()).build());
        String reply = FakeAmpThread.newId("M-");
        thread.agentState("working", reply);
        thread.send("inference_tools", createObjectBuilder().add("messageId", reply).add("agentMode", mode)
                .add("tools", TOOLS).build());
        if (text.contains(FAIL)) {
            thread.send("error_set", createObjectBuilder().add("seq", thread.version() + 1)
                    .add("error", createObjectBuilder().add("message", "fake inference failure")).build());
            thread.agentState("error", reply);
        } else if (text.contains(HANG)) {
            thread.messageAdded(assistant(reply, textBlock(HANG_TEXT)));
            Thread.sleep(Long.MAX_VALUE); // until cancelled
        } else if (text.contains(TOOL)) {
            tool(reply, "shell_command", createObjectBuilder().add("command", "echo hello-from-tool").build());
        } else if (text.contains(RM)) {
            tool(reply, "shell_command", createObjectBuilder().add("command", "rm -rf ./nothing-here").build());
        } else if (text.contains(WRITE)) {
            tool(reply, "create_file", createObjectBuilder().add("path", thread.workingDirectory() + "/notes.txt").add("content", "hello\n").build());
        } else if (text.contains(THINK)) {
            thread.messageAdded(assistant(reply, FakeAmpThread.array(
                    createObjectBuilder().add("type", "thinking").add("thinking", "fake reasoning")
                            .add("signature", "fake-sig").build(),
                    textBlock("Hello from the fake Amp server. I thought about: " + text).getJsonObject(0))));
            thread.agentState("idle", null);
        } else {
            thread.messageAdded(assistant(reply, textBlock("Hello from the fake Amp server. You said: " + text
                    + " (mode " + mode + ")")));
            thread.agentState("idle", null);
        }
    }

    private void tool(String reply, String name, JsonObject args) throws InterruptedException {
        String toolUse = FakeAmpThread.newId("TU-");
        thread.messageAdded(assistant(reply, FakeAmpThread.array(
                createObjectBuilder().add("type", "text").add("text", "I will use " + name + ".").build(),
                createObjectBuilder().add("type", "tool_use").add("id", toolUse).add("name", name)
                        .add("complete", true).add("input", args).build())));
        thread.agentState("running_tools", reply);
        JsonObject run = thread.leaseTool(toolUse, name, args, reply);
        thread.messageAdded(createObjectBuilder().add("role", "user").add("messageId", FakeAmpThread.newId("M-"))
                .add("content", FakeAmpThread.array(createObjectBuilder().add("type", "tool_result")
                        .add("toolUseID", toolUse).add("run", run).build()))
                .add("threadId", thread.id()).build());
        String next = FakeAmpThread.newId("M-");
        thread.agentState("working", next);
        JsonValue result = run.get("result");
        thread.messageAdded(assistant(next, textBlock("The tool finished with status " + run.getString("status", "?")
                + ". Result: " + (result == null ? "none" : Json.print(result)))));
        thread.agentState("idle", null);
    }

    private JsonObject assistant(String messageId, jakarta.json.JsonArray content) {
        return createObjectBuilder().add("role", "assistant").add("messageId", messageId)
                .add("state", createObjectBuilder().add("type", "complete")).add("usage", USAGE)
                .add("content", content).add("threadId", thread.id()).build();
    }

    private static jakarta.json.JsonArray textBlock(String text) {
        return FakeAmpThread.array(createObjectBuilder().add("type", "text").add("text", text).build());
    }
}
