package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/** The app-server's command line and the params of the requests that set a session up. */
final class CodexLaunch {

    /** The agent mode that runs turns in codex's Plan collaboration mode. */
    static final String PLAN_MODE = "plan";

    private CodexLaunch() {
    }

    /**
     * {@code codex app-server} with the session's MCP servers as config overrides ({@link CodexMcp}), and with codex's {@code request_user_input} tool usable outside Plan
     * mode (it is offered to the model in every mode, but otherwise answers "unavailable in Default
     * mode"), and without the warning that this enables an under-development feature.
     */
    static LaunchSpec launchSpec(AgentSessionSpec spec) {
        if (spec.binary() == null) {
            throw new IllegalArgumentException("the codex binary is not known (not installed?)");
        }
        List<String> argv = new ArrayList<>(List.of(spec.binary().toString(), "app-server",
                "-c", "features.default_mode_request_user_input=true",
                "-c", "suppress_unstable_features_warning=true"));
        argv.addAll(CodexMcp.overrides(spec.mcpServers()));
        return LaunchSpec.builder().command(argv)
                .directory(spec.directory())
                .env(spec.environment())
                .build();
    }

    static JsonObject initialize(AgentSessionSpec spec) {
        return JSON.createObjectBuilder()
                .add("clientInfo", JSON.createObjectBuilder().add("name", "sandbox_agent")
                        .add("title", "sandbox-agent").add("version", "0.1.0"))
                // Plan collaboration mode is only settable through the experimental API.
                .add("capabilities", JSON.createObjectBuilder().add("experimentalApi", isPlan(spec)))
                .build();
    }

    /** Params of {@code thread/start}, or of {@code thread/resume} when {@code resumeThreadId} is set. */
    static JsonObject thread(AgentSessionSpec spec, String resumeThreadId) {
        CodexPolicy policy = CodexPolicy.forPermissionMode(spec.permissionMode());
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (resumeThreadId != null) {
            b.add("threadId", resumeThreadId);
        }
        b.add("cwd", spec.directory().toString())
                .add("approvalPolicy", policy.approvalPolicy())
                .add("sandbox", policy.sandbox());
        if (spec.model() != null && !spec.model().isBlank()) {
            b.add("model", spec.model());
        }
        return b.build();
    }

    static JsonObject turnStart(AgentSessionSpec spec, String threadId, String model, UserMessage message) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("threadId", threadId).add("input", input(message));
        String effort = spec.variant() == null || spec.variant().isBlank() ? null : spec.variant();
        if (effort != null) {
            b.add("effort", effort);
        }
        if (isPlan(spec)) {
            b.add("collaborationMode", JSON.createObjectBuilder().add("mode", "plan")
                    .add("settings", JSON.createObjectBuilder().add("model", model == null ? "" : model)
                            .add("reasoning_effort", Jsons.value(effort))
                            .add("developer_instructions", JsonValue.NULL)));
        }
        return b.build();
    }

    /** The message as codex input: text, images as local images, other files named in the text. */
    static JsonArrayBuilder input(UserMessage message) {
        StringBuilder text = new StringBuilder(message.text());
        JsonArrayBuilder images = JSON.createArrayBuilder();
        for (UserMessage.Attachment a : message.attachments()) {
            if (dev.sandboxagent.core.files.MimeTypes.isImage(a.mime())) {
                images.add(JSON.createObjectBuilder().add("type", "localImage").add("path", a.path()));
            } else {
                text.append("\n\n[attached file: ").append(a.path()).append(']');
            }
        }
        JsonArrayBuilder input = JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("type", "text").add("text", text.toString())
                        .add("text_elements", JsonValue.EMPTY_JSON_ARRAY));
        images.build().forEach(input::add);
        return input;
    }

    static JsonObject interrupt(String threadId, String turnId) {
        return JSON.createObjectBuilder().add("threadId", threadId).add("turnId", turnId).build();
    }

    static boolean isPlan(AgentSessionSpec spec) {
        return PLAN_MODE.equals(spec.agentMode());
    }
}
