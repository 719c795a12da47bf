package dev.sandboxagent.core.install;

import java.util.Objects;

/**
 * An agent CLI could not be installed. The message is a single line meant to be shown to the
 * user as is (it names the package, the cause and npm's own explanation); {@link #reason()}
 * classifies the failure for programmatic handling.
 */
public final class InstallException extends RuntimeException {

    /** What kind of failure it was. */
    public enum Reason {
        /** npm (or the configured npm command) is not installed. */
        NPM_NOT_FOUND,
        /** The package (or the local path) does not exist (npm E404, or ENOENT for a path). */
        PACKAGE_NOT_FOUND,
        /** The package exists but not in the requested version (npm ETARGET). */
        VERSION_NOT_FOUND,
        /** The registry could not be reached (ENOTFOUND, ECONNREFUSED, EAI_AGAIN, ...). */
        REGISTRY_UNREACHABLE,
        /** npm did not finish within the timeout and was stopped. */
        TIMEOUT,
        /** npm succeeded but the package has no executable of the expected name. */
        BINARY_MISSING,
        /** npm failed for another reason. */
        NPM_FAILED,
        /** The data directory could not be read or written. */
        IO_ERROR
    }

    private final Reason reason;

    public InstallException(Reason reason, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
