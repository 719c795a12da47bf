package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.UniversalItem;

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

    /** The item with daemon id {@code id} and its parent's daemon id (when the parent is known). */
    UniversalItem assign(UniversalItem item, String id) {
        UniversalItem out = item.withItemId(id);
        if (item.parentId() != null) {
            out = out.withParentId(byNative.getOrDefault(item.parentId(), item.parentId()));
        }
        return out;
    }
}
