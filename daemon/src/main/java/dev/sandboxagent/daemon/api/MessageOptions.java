package dev.sandboxagent.daemon.api;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The message of {@code send-message} and {@code send-message-stream}. */
final class MessageOptions {

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT", description = "The message text.")
    String message;

    @Option(names = "--attachment", paramLabel = "PATH",
            description = "A file on the daemon's machine to attach; repeatable.")
    List<String> attachments = new ArrayList<>();

    JsonObject body() {
        JsonObjectBuilder body = Jsons.JSON.createObjectBuilder().add("message", message);
        if (!attachments.isEmpty()) {
            JsonArrayBuilder list = Jsons.JSON.createArrayBuilder();
            attachments.forEach(path -> list.add(Jsons.JSON.createObjectBuilder().add("path", path)));
            body.add("attachments", list);
        }
        return body.build();
    }
}
