package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.spi.AgentItem;

import java.util.HashMap;
import java.util.Map;

/**
 * The daemon's item ids of one session ({@code itm_1}, {@code itm_2}, …) and which agent
 * ("native") id each was given for, so that items can name their parent by the agent's id.
 * Not thread-safe: used under the {@link Normalizer}'s monitor.
 */
final class ItemIds {

    private final Map<String, String> byNative = new HashMap<>();
    private long counter;

    /** A fresh id; remembered for {@code nativeItemId} when there is one. */
    String next(String nativeItemId) {
        String id = "itm_" + (++counter);
        if (nativeItemId != null) {
            byNative.put(nativeItemId, id);
        }
        return id;
    }

    /**
     * The universal item for an adapter's item: daemon id {@code id}, and the parent's daemon id
     * when the parent is known (else the parent's native id, as the agent gave it).
     */
    UniversalItem assign(AgentItem item, String id) {
        String parent = item.nativeParentId() == null ? null
                : byNative.getOrDefault(item.nativeParentId(), item.nativeParentId());
        return new UniversalItem(id, item.nativeId(), parent, item.kind(), item.role(), item.content(), item.status());
    }
}
