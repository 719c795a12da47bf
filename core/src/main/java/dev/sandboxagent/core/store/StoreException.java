package dev.sandboxagent.core.store;

/** Storing or reading a log failed (disk full, unwritable directory, damaged file). */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
