package dev.sandboxagent.core.store;

/**
 * An event read back from a store: its sequence, its wire JSON without raw (UTF-8, exactly the
 * bytes that were appended) and whether raw JSON was stored with it.
 */
public record StoredEvent(long sequence, byte[] json, boolean hasRaw) {
}
