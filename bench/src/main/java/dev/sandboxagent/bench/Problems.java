package dev.sandboxagent.bench;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What went wrong during a run: lost or reordered events, HTTP errors, timeouts (at most 1,000 kept). */
final class Problems {
    private final ConcurrentLinkedQueue<String> list = new ConcurrentLinkedQueue<>();

    void add(String problem) {
        if (list.size() < 1000) {
            list.add(problem);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<String> all() {
        return List.copyOf(list);
    }
}
