package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemStatus;
import dev.sandboxagent.core.schema.UniversalItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a session that started and have not completed yet, by native id, with the text
 * their deltas brought, so that the {@link Normalizer} can tell a streamed item from one that
 * arrived whole and close what a turn left open. Not thread-safe: used under the normaliser's
 * monitor.
 */
final class OpenItems {

    /** One started item and what its deltas brought so far. */
    static final class OpenItem {
        final UniversalItem item;
        private final StringBuilder text = new StringBuilder();
        private boolean deltas;

        private OpenItem(UniversalItem item) {
            this.item = item;
        }

        void append(String delta) {
            deltas = true;
            text.append(delta);
        }

        /** Whether any delta arrived (else a whole message gets one synthetic delta). */
        boolean hadDeltas() {
            return deltas;
        }
    }

    private final Map<String, OpenItem> byNativeId = new LinkedHashMap<>();

    boolean isOpen(String nativeId) {
        return nativeId != null && byNativeId.containsKey(nativeId);
    }

    /** Tracks {@code item} (under its native id, when it has one) as open. */
    OpenItem open(UniversalItem item) {
        OpenItem open = new OpenItem(item);
        if (item.nativeItemId() != null) {
            byNativeId.put(item.nativeItemId(), open);
        }
        return open;
    }

    /** The open item with this native id, or null. */
    OpenItem get(String nativeId) {
        return nativeId == null ? null : byNativeId.get(nativeId);
    }

    /** Stops tracking the item with this native id; returns it, or null when it was not open. */
    OpenItem remove(String nativeId) {
        return nativeId == null ? null : byNativeId.remove(nativeId);
    }

    /** Every open item as completed with {@code status}, its text what its deltas brought; none stay open. */
    List<UniversalItem> closeAll(ItemStatus status) {
        List<UniversalItem> closed = new ArrayList<>();
        for (OpenItem open : byNativeId.values()) {
            UniversalItem item = open.item;
            if (!open.text.isEmpty()) {
                item = item.withContent(List.of(new ContentPart.Text(open.text.toString())));
            }
            closed.add(item.withStatus(status));
        }
        byNativeId.clear();
        return closed;
    }
}
