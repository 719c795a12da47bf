package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.testing.Transcripts;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replays a recorded app-server transcript ({@code {"t","dir","msg"}} per line) through the
 * adapter's inbound side, exactly as the session wires it: what codex sent goes through a
 * {@link JsonRpcPeer} into {@link CodexInbound}; a {@code turn/start} we sent begins a turn.
 * Codex's responses to our requests are skipped (the session awaits those itself).
 */
final class TranscriptReplay {

    final RecordingSink sink = new RecordingSink();
    final List<String> retries = new CopyOnWriteArrayList<>();
    final CodexTranslator translator;
    final CodexRequests requests;
    final JsonRpcPeer peer;
    /** Lines the adapter wrote back to codex (answers to its requests). */
    final List<String> written = new CopyOnWriteArrayList<>();
    private final List<JsonObject> messages;
    private int next;

    TranscriptReplay(String name) throws IOException {
        translator = new CodexTranslator(sink, new CodexTranslator.Hooks() {
            @Override
            public void retrying(String message) {
                retries.add(message);
            }

            @Override
            public void progress() {
            }

            @Override
            public void turnEnded() {
                requests().forgetAll();
            }
        });
        requests = new CodexRequests(sink, translator);
        peer = new JsonRpcPeer(written::add, new CodexInbound(sink, translator, requests));
        requests.attach(peer);
        messages = read(name);
    }

    private CodexRequests requests() {
        return requests;
    }

    static List<JsonObject> read(String name) {
        return Transcripts.lines(TranscriptReplay.class, name).stream().map(Jsons::parseObjectStrict).toList();
    }

    /** Replays everything. */
    TranscriptReplay all() {
        while (step()) {
            // next
        }
        return this;
    }

    /** Replays up to and including the first line codex sent with this method. */
    TranscriptReplay through(String method) {
        while (next < messages.size()) {
            JsonObject m = messages.get(next);
            step();
            if ("<-".equals(m.getString("dir", "")) && method.equals(m.getJsonObject("msg").getString("method", ""))) {
                return this;
            }
        }
        throw new AssertionError("no '" + method + "' in the transcript");
    }

    private boolean step() {
        if (next >= messages.size()) {
            return false;
        }
        JsonObject line = messages.get(next++);
        if (!(line.get("msg") instanceof JsonObject msg)) {
            return true; // e.g. the exit record
        }
        String dir = line.getString("dir", "");
        if ("->".equals(dir) && "turn/start".equals(msg.getString("method", ""))) {
            translator.beginTurn();
        } else if ("<-".equals(dir) && msg.containsKey("method")) {
            peer.onLine(msg.toString());
        }
        return true;
    }
}
