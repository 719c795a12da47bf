package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.schema.PermissionReply;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.Transcripts;
import jakarta.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.sandboxagent.core.json.Jsons.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a recorded ACP transcript ({@code > } lines we sent, {@code < } lines the agent sent)
 * through the adapter's inbound side: translator, permissions and files, into a
 * {@link RecordingSink}. A {@code session/prompt} we sent starts a turn and its answer ends it;
 * each permission request is answered with the reply whose option kind the recorded answer chose,
 * and the answer we send must be the recorded one.
 */
final class AcpReplay {

    final RecordingSink sink = new RecordingSink();
    final AcpTranslator translator = new AcpTranslator(sink);
    final AcpPermissions permissions = new AcpPermissions(sink, translator);
    final List<String> sent = new ArrayList<>();
    private final JsonRpcPeer peer;

    AcpReplay(Path sessionDirectory) {
        AcpInbound inbound = new AcpInbound(sink, translator, permissions,
                sessionDirectory == null ? null : new AcpFiles(sessionDirectory));
        peer = new JsonRpcPeer(sent::add, inbound);
        inbound.attach(peer);
        permissions.attach(peer);
    }

    static AcpReplay of(String transcript) {
        AcpReplay r = new AcpReplay(null);
        r.replay(Transcripts.lines(AcpReplay.class, transcript));
        return r;
    }

    void replay(List<String> lines) {
        long promptId = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String json = line.substring(2);
            if (line.startsWith("> ")) {
                JsonObject ours = Jsons.parseObject(json);
                if ("session/prompt".equals(Jsons.string(ours, "method"))) {
                    promptId = Jsons.number(ours, "id");
                    sink.beginTurn("turn_" + promptId); // as the engine opens it
                    translator.beginTurn();
                }
                continue;
            }
            JsonObject msg = json.startsWith("{") ? Jsons.parseObject(json) : null;
            if (msg != null && msg.containsKey("result") && !msg.containsKey("method")) {
                if (Jsons.number(msg, "id") != null && Jsons.number(msg, "id") == promptId) {
                    translator.turnEnded("turn_" + promptId, Jsons.object(msg, "result"), JSON.createObjectBuilder()
                            .add("stop_reason", Jsons.string(Jsons.object(msg, "result"), "stopReason")).build());
                }
                continue; // answers to our other requests are the session's business
            }
            peer.onLine(json);
            if (msg != null && "session/request_permission".equals(Jsons.string(msg, "method"))) {
                answerAsRecorded(msg, lines, i);
            }
        }
    }

    private void answerAsRecorded(JsonObject request, List<String> lines, int from) {
        JsonObject recorded = null;
        for (int j = from + 1; j < lines.size() && recorded == null; j++) {
            if (lines.get(j).startsWith("> ")) {
                JsonObject o = Jsons.parseObject(lines.get(j).substring(2));
                if (!o.containsKey("method") && o.get("id").equals(request.get("id"))) {
                    recorded = o;
                }
            }
        }
        assertThat(recorded).as("the transcript answers permission request " + request.get("id")).isNotNull();
        String optionId = Jsons.string(Jsons.object(Jsons.object(recorded, "result"), "outcome"), "optionId");
        String kind = Jsons.array(Jsons.object(request, "params"), "options").stream()
                .map(v -> (JsonObject) v).filter(o -> optionId.equals(Jsons.string(o, "optionId")))
                .map(o -> Jsons.string(o, "kind")).findFirst().orElseThrow();
        PermissionReply reply = switch (kind) {
            case "allow_once" -> PermissionReply.ONCE;
            case "allow_always" -> PermissionReply.ALWAYS;
            default -> PermissionReply.REJECT;
        };
        String permissionId = sink.of("permissionRequested").getLast().id();
        permissions.reply(permissionId, reply);
        assertThat(Jsons.parseObject(sent.getLast()).get("result"))
                .as("our answer to " + request.get("id")).isEqualTo(recorded.get("result"));
    }
}
