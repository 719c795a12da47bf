package dev.sandboxagent.bench;

/** A command line the benchmark cannot run: the message says why (null: --help). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
