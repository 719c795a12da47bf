package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;

/**
 * What OpenCode's own API says of a session at one moment: its messages with their parts
 * ({@code GET /session/{id}/message}), the directory's pending permissions and questions, and
 * the sessions' statuses (an idle session is absent). The statuses are read last, so an idle
 * status read here postdates every message read here.
 */
record SessionSnapshot(JsonArray messages, JsonArray permissions, JsonArray questions, JsonObject statuses) {

    static SessionSnapshot read(OpencodeClient client, String sessionId, String directory)
            throws IOException, InterruptedException {
        JsonArray messages = array(client.get("/session/" + sessionId + "/message", directory));
        JsonArray permissions = array(client.get("/permission", directory));
        JsonArray questions = array(client.get("/question", directory));
        JsonValue statuses = client.get("/session/status", directory);
        return new SessionSnapshot(messages, permissions, questions,
                statuses instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT);
    }

    private static JsonArray array(JsonValue v) throws IOException {
        if (v instanceof JsonArray a) {
            return a;
        }
        throw new IOException("opencode answered with " + (v == null ? "nothing" : Jsons.print(v)) + " for a list");
    }
}
