package dev.sandboxagent.core.mock;

import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.schema.ReasoningVisibility;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentItem;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * One mock session. Each turn runs on its own virtual thread; interrupting the turn interrupts
 * that thread, which ends whatever the command was doing (waiting for an answer, bursting).
 */
final class MockAgentSession implements AgentSession {

    /** What the {@code permission} command writes, once allowed, in the session's directory. */
    static final String NOTES_FILE = "notes.txt";
    static final String NOTES_CONTENT = "hello\n";

    private final AgentEventSink sink;
    private final boolean bypassPermissions;
    private final java.nio.file.Path directory;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<PermissionReply>> permissions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<List<String>>>> questions = new ConcurrentHashMap<>();
    // Set by an 'always' reply: later permission commands in this session are allowed without asking.
    private volatile boolean writesAllowed;
    private volatile Thread turn;
    private volatile boolean closed;

    MockAgentSession(AgentSessionSpec spec, AgentEventSink sink) {
        this.sink = sink;
        this.bypassPermissions = "bypass".equals(spec.permissionMode());
        this.directory = spec.directory();
        // a resumed session (native resume) goes on under the id it had
        sink.sessionStarted(spec.resumeNativeSessionId() != null ? spec.resumeNativeSessionId() : "mock-" + spec.sessionId(),
                JSON.createObjectBuilder().add("agent", MockAgentAdapter.ID).add("model", "mock-1").build(),
                raw("session"));
    }

    @Override
    public void sendMessage(UserMessage message) {
        if (closed) {
            throw new IllegalStateException("the mock session is closed");
        }
        // Published before it starts, so an interrupt arriving at once finds the turn to stop.
        Thread t = Thread.ofVirtual().name("mock-turn-" + message.turnId()).unstarted(() -> runTurn(message.text()));
        turn = t;
        t.start();
    }

    private void runTurn(String text) {
        MockCommand command = MockCommand.of(text);
        String stopReason = "end_turn";
        try {
            play(command, MockCommand.argument(text), text);
        } catch (InterruptedException e) {
            stopReason = "interrupted";
        } finally {
            if (turn == Thread.currentThread()) {
                turn = null;
            }
            if (!closed) {
                sink.turnEnded(MockAgentAdapter.usage(text), JSON.createObjectBuilder().add("stop_reason", stopReason).build(),
                        raw("turn_end"));
            }
        }
    }

    private void play(MockCommand command, String argument, String text) throws InterruptedException {
        switch (command) {
            case HELP -> reply(MockCommand.helpText());
            case TEXT -> reply(argument.isEmpty() ? "Hello from the mock agent." : argument);
            case STREAM -> stream(argument.isEmpty() ? "This reply arrives in several small deltas." : argument);
            case TOOL -> toolCall();
            case PERMISSION -> permission();
            case QUESTION -> question(false);
            case QUESTIONS -> question(true);
            case REASONING -> {
                completed(ItemKind.MESSAGE, ItemRole.ASSISTANT, new ContentPart.Reasoning(
                        "The user asked for reasoning, so I think out loud first.", ReasoningVisibility.PUBLIC));
                reply("Done thinking.");
            }
            case STATUS -> completed(ItemKind.STATUS, ItemRole.SYSTEM, new ContentPart.Status("mock status", "all good"));
            case ERROR -> sink.error("the mock agent was asked to fail", "mock_error",
                    JSON.createObjectBuilder().add("command", "error").build(), raw("error"));
            case MARKDOWN -> reply("# Mock report\n\n- first point\n- second point\n\n```java\nSystem.out.println(\"hi\");\n```\n");
            case IMAGE -> completed(ItemKind.MESSAGE, ItemRole.ASSISTANT, new ContentPart.Text("Here is an image."),
                    new ContentPart.Image("mock/image.png", "image/png"));
            case UNKNOWN -> {
                completed(ItemKind.UNKNOWN, null, new ContentPart.Json(
                        JSON.createObjectBuilder().add("mystery", true).build()));
                sink.unparsed("the mock agent printed a line it cannot parse", "stdout", "%%% not json %%%");
            }
            case BURST -> burst(parseCount(argument));
            case HANG -> hang();
            case ECHO -> reply(text);
        }
    }

    private void reply(String text) {
        completed(ItemKind.MESSAGE, ItemRole.ASSISTANT, new ContentPart.Text(text));
    }

    private void completed(ItemKind kind, ItemRole role, ContentPart... parts) {
        sink.itemCompleted(item(nextId(), kind, role, ItemStatus.COMPLETED, parts), raw(kind.wire()));
    }

    private void stream(String text) throws InterruptedException {
        String id = nextId();
        sink.itemStarted(AgentItem.messageStarted(id, ItemRole.ASSISTANT), raw("start"));
        String[] words = text.split("(?<= )");
        for (String w : words) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            sink.itemDelta(id, w, raw("delta"));
        }
        sink.itemCompleted(item(id, ItemKind.MESSAGE, ItemRole.ASSISTANT, ItemStatus.COMPLETED,
                new ContentPart.Text(text)), raw("stop"));
    }

    private void burst(int n) throws InterruptedException {
        String id = nextId();
        sink.itemStarted(AgentItem.messageStarted(id, ItemRole.ASSISTANT), null);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            String d = "d" + i + " ";
            all.append(d);
            sink.itemDelta(id, d, null);
        }
        sink.itemCompleted(item(id, ItemKind.MESSAGE, ItemRole.ASSISTANT, ItemStatus.COMPLETED,
                new ContentPart.Text(all.toString())), null);
    }

    private void hang() throws InterruptedException {
        String id = nextId();
        sink.itemStarted(AgentItem.messageStarted(id, ItemRole.ASSISTANT), raw("start"));
        sink.itemDelta(id, "Working until interrupted…", raw("delta"));
        while (true) {
            Thread.sleep(60_000); // until the turn is interrupted
        }
    }

    private void toolCall() {
        String call = nextId();
        String args = "{\"path\":\"README.md\"}";
        sink.itemCompleted(AgentItem.toolCall(call, "read_file", args), raw("tool_use"));
        sink.itemCompleted(AgentItem.toolResult(call, "# README\nmock file contents\n", false), raw("tool_result"));
        reply("I read README.md.");
    }

    private void permission() throws InterruptedException {
        String call = nextId();
        String args = "{\"path\":\"notes.txt\",\"content\":\"hello\"}";
        sink.itemCompleted(AgentItem.toolCall(call, "write_file", args), raw("tool_use"));
        PermissionReply reply;
        if (bypassPermissions || writesAllowed) {
            reply = PermissionReply.ONCE;
        } else {
            String permissionId = "perm_" + call;
            CompletableFuture<PermissionReply> answer = new CompletableFuture<>();
            permissions.put(permissionId, answer);
            sink.permissionRequested(permissionId, "write_file", JSON.createObjectBuilder()
                    .add("input", JSON.createReader(new java.io.StringReader(args)).readObject())
                    .add("description", "Write notes.txt").build(), raw("permission"));
            reply = await(answer);
            permissions.remove(permissionId);
        }
        if (reply == PermissionReply.ALWAYS) {
            writesAllowed = true;
        }
        String failure = reply == PermissionReply.REJECT ? "permission denied" : writeNotes();
        sink.itemCompleted(AgentItem.toolResult(call, failure == null ? "wrote notes.txt" : failure, failure != null),
                raw("tool_result"));
        if (failure != null && reply != PermissionReply.REJECT) {
            reply("I could not write notes.txt: " + failure);
            return;
        }
        reply(switch (reply) {
            case ONCE -> "Permission granted once: I wrote notes.txt.";
            case ALWAYS -> "Permission granted for the session: I wrote notes.txt and will not ask again.";
            case REJECT -> "Permission rejected: I did not write notes.txt.";
        });
    }

    /** Really writes the file it asked about, in the session's directory; null on success, else why not. */
    private String writeNotes() {
        if (directory == null) {
            return "the session has no directory";
        }
        try {
            java.nio.file.Files.writeString(directory.resolve(NOTES_FILE), NOTES_CONTENT);
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return "cannot write " + NOTES_FILE + ": " + e.getMessage();
        }
    }

    /** One question, or ({@code several}) two at once, answered one list per question. */
    private void question(boolean several) throws InterruptedException {
        String questionId = "q_" + nextId();
        CompletableFuture<List<List<String>>> answer = new CompletableFuture<>();
        questions.put(questionId, answer);
        if (several) {
            sink.questionsRequested(questionId, List.of(
                    new QuestionEventData.SubQuestion("Which colour should I use?", "Colour",
                            List.of("red", "green", "blue"), false),
                    new QuestionEventData.SubQuestion("Which sizes?", "Sizes", List.of("small", "large"), true)),
                    raw("questions"));
        } else {
            sink.questionRequested(questionId, "Which colour should I use?", List.of("red", "green", "blue"),
                    raw("question"));
        }
        List<List<String>> answers = await(answer);
        questions.remove(questionId);
        if (answers == null) {
            reply("Question rejected: I will pick a colour myself.");
        } else {
            reply("You chose " + (answers.isEmpty() ? "nothing" : answers.stream()
                    .map(a -> a.isEmpty() ? "nothing" : String.join(" and ", a))
                    .collect(java.util.stream.Collectors.joining("; "))) + ".");
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static int parseCount(String argument) {
        try {
            return Math.max(0, Integer.parseInt(argument.strip()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    @Override
    public void replyPermission(String permissionId, PermissionReply reply) {
        CompletableFuture<PermissionReply> f = permissions.get(permissionId);
        if (f == null) {
            throw new IllegalStateException("the mock has no pending permission '" + permissionId + "'");
        }
        f.complete(reply);
    }

    @Override
    public void replyQuestion(String questionId, List<List<String>> answers) {
        CompletableFuture<List<List<String>>> f = questions.get(questionId);
        if (f == null) {
            throw new IllegalStateException("the mock has no pending question '" + questionId + "'");
        }
        f.complete(answers);
    }

    @Override
    public void rejectQuestion(String questionId) {
        CompletableFuture<List<List<String>>> f = questions.get(questionId);
        if (f == null) {
            throw new IllegalStateException("the mock has no pending question '" + questionId + "'");
        }
        f.complete(null);
    }

    @Override
    public void interrupt() {
        Thread t = turn;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        interrupt();
    }

    private String nextId() {
        return "mock_" + ids.incrementAndGet();
    }

    private static AgentItem item(String nativeId, ItemKind kind, ItemRole role, ItemStatus status,
                                  ContentPart... parts) {
        return AgentItem.of(nativeId, kind, role, List.of(parts), status);
    }

    private static JsonObject raw(String what) {
        return JSON.createObjectBuilder().add("mock", what).build();
    }
}
