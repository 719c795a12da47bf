package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.store.EventStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/** Applies a {@link Retention} to the engine's sessions: removes the ended ones it does not keep. */
final class SessionPruner {

    private SessionPruner() {
    }

    /** Removes them from {@code sessions} and their stored logs through {@code deleteStored}; returns their ids. */
    static List<String> prune(ConcurrentMap<String, Session> sessions, EventStore store, Retention policy,
                              Consumer<String> deleteStored) {
        if (policy.keepsEverything()) {
            return List.of();
        }
        List<Retention.Candidate> all = sessions.values().stream().map(s -> new Retention.Candidate(s.id, s.ended(),
                s.normalizer.updatedAt(), store.storedBytes(s.id))).toList();
        List<String> pruned = new ArrayList<>();
        for (String id : policy.select(all, System.currentTimeMillis())) {
            Session s = sessions.get(id);
            if (s == null) {
                continue;
            }
            synchronized (s) { // a message may be continuing it (the engine's continueIfEnded holds this too)
                if (!s.ended() || !sessions.remove(id, s)) {
                    continue;
                }
            }
            deleteStored.accept(id);
            SessionLog.pruned(id, s.agent);
            pruned.add(id);
        }
        return pruned;
    }
}
