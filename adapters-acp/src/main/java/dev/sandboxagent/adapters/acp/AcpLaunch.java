package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;

/** The agent's command line and the params of the ACP requests we send. */
final class AcpLaunch {

    /** The ACP protocol version this client speaks. */
    static final int PROTOCOL_VERSION = 1;

    private AcpLaunch() {
    }

    static LaunchSpec launchSpec(AcpAgentSpec agent, AgentSessionSpec spec) {
        if (spec.binary() == null) {
            throw new IllegalArgumentException("the " + agent.title() + " binary is not known (not installed?)");
        }
        List<String> argv = new ArrayList<>();
        argv.add(spec.binary().toString());
        argv.addAll(agent.launchArgs());
        if (spec.model() != null && !spec.model().isBlank()) {
            argv.add(agent.modelFlag());
            argv.add(spec.model());
        }
        return LaunchSpec.builder().command(argv).directory(spec.directory()).env(spec.environment()).build();
    }

    /** {@code initialize}: our protocol version and what we offer (files when the row says so; no terminals). */
    static JsonObject initialize(AcpAgentSpec agent) {
        return JSON.createObjectBuilder()
                .add("protocolVersion", PROTOCOL_VERSION)
                .add("clientCapabilities", JSON.createObjectBuilder()
                        .add("fs", JSON.createObjectBuilder().add("readTextFile", agent.clientFs())
                                .add("writeTextFile", agent.clientFs()))
                        .add("terminal", false))
                .add("clientInfo", JSON.createObjectBuilder().add("name", "sandbox-agent").add("version", "0.1.0"))
                .build();
    }

    /** {@code session/new}, or {@code session/load} of {@code nativeId} when it is set. */
    static JsonObject session(AgentSessionSpec spec, String nativeId) {
        var b = JSON.createObjectBuilder();
        if (nativeId != null) {
            b.add("sessionId", nativeId);
        }
        return b.add("cwd", spec.directory().toAbsolutePath().toString())
                .add("mcpServers", JSON.createArrayBuilder()).build();
    }

    static JsonObject setMode(String sessionId, String modeId) {
        return JSON.createObjectBuilder().add("sessionId", sessionId).add("modeId", modeId).build();
    }

    static JsonObject cancel(String sessionId) {
        return JSON.createObjectBuilder().add("sessionId", sessionId).build();
    }

    /**
     * {@code session/prompt}: the text, then each attachment, an image as an image block (base64)
     * when the agent takes images, anything else as a link to the file for the agent to read.
     */
    static JsonObject prompt(String sessionId, UserMessage message, Path directory, boolean images) {
        JsonArrayBuilder blocks = JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("type", "text").add("text", message.text()));
        for (UserMessage.Attachment a : message.attachments()) {
            Path file = directory.resolve(a.path()).toAbsolutePath().normalize();
            String name = a.filename() != null ? a.filename() : String.valueOf(file.getFileName());
            if (images && a.mime() != null && a.mime().startsWith("image/")) {
                blocks.add(JSON.createObjectBuilder().add("type", "image").add("mimeType", a.mime())
                        .add("data", base64(file)).add("uri", file.toUri().toString()));
            } else {
                var link = JSON.createObjectBuilder().add("type", "resource_link")
                        .add("uri", file.toUri().toString()).add("name", name);
                if (a.mime() != null) {
                    link.add("mimeType", a.mime());
                }
                blocks.add(link);
            }
        }
        return JSON.createObjectBuilder().add("sessionId", sessionId).add("prompt", blocks).build();
    }

    private static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attachment " + file, e);
        }
    }
}
