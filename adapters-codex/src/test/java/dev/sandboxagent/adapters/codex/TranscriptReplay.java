package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.jsonrpc.JsonRpcPeer;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.Replay;
import dev.sandboxagent.core.testing.Transcripts;
import jakarta.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replays a recorded app-server transcript ({@code {"t","dir","msg"}} per line) through the
 * adapter's inbound side, exactly as the session wires it, with core's {@link Replay}: what codex
 * sent goes through a {@link JsonRpcPeer} into {@link CodexInbound}; a {@code turn/start} we sent
 * opens the next turn (in the sink, as the engine would, and in the translator, as the session does).
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
    private final Replay<JsonObject> replay;

    TranscriptReplay(String name) {
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
        replay = new Replay<>(sink, read(name), this::feed);
    }

    private CodexRequests requests() {
        return requests;
    }

    private void feed(JsonObject line, Replay<JsonObject> r) {
        if (!(line.get("msg") instanceof JsonObject msg)) {
            return; // e.g. the exit record
        }
        String dir = line.getString("dir", "");
        if ("->".equals(dir) && "turn/start".equals(msg.getString("method", ""))) {
            beginTurn(r.beginTurn());
        } else if ("<-".equals(dir) && msg.containsKey("method")) {
            peer.onLine(msg.toString());
        }
    }

    /** Opens a turn outside the recording, as the engine and the session would. */
    String beginTurn() {
        String id = replay.beginTurn();
        beginTurn(id);
        return id;
    }

    private void beginTurn(String id) {
        translator.beginTurn(id);
    }

    /** The turn opened last. */
    String lastTurn() {
        return replay.lastTurn();
    }

    static List<JsonObject> read(String name) {
        return Transcripts.lines(TranscriptReplay.class, name).stream().map(Jsons::parseObjectStrict).toList();
    }

    /** Replays everything. */
    TranscriptReplay all() {
        replay.all();
        return this;
    }

    /** Replays up to and including the first line codex sent with this method. */
    TranscriptReplay through(String method) {
        replay.through(m -> "<-".equals(m.getString("dir", ""))
                && m.get("msg") instanceof JsonObject msg && method.equals(msg.getString("method", "")));
        return this;
    }
}
