package dev.sandboxagent.core.error;

/**
 * What kind of refusal or failure a {@link SandboxException} is, beside its contract
 * {@link ErrorType}: the same invalid_request may name something that does not exist, clash with
 * the state of things, or pass a limit. Core says which; a transport decides how to answer it
 * (the http module maps type and kind to a status).
 */
public enum ErrorKind {
    /** The error type says all there is to say. */
    AS_TYPED,
    /** What the request names does not exist (an unknown permission id, a missing file). */
    NOT_FOUND,
    /** The request clashes with the present state (answered twice, something in the way). */
    CONFLICT,
    /** The request is larger than a limit. */
    TOO_LARGE,
    /** Something failed on this side that the caller cannot fix (an I/O error). */
    INTERNAL,
    /** This side cannot do it for now (its storage fails); trying again later may work. */
    UNAVAILABLE
}
