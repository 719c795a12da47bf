package dev.sandboxagent.core.port;

/**
 * When a session's {@link EventStream} (from {@link SessionService#follow}) finishes by itself.
 * Over HTTP, {@code GET .../events/sse} is {@link #LIVE}; {@code ?close_at_end=true} asks for
 * {@link #UNTIL_END}.
 */
public enum FollowMode {

    /**
     * The stream finishes after the last event of an ended session (at once, for a session that
     * had already ended when it was opened). A later continuation of the session is not on it.
     */
    UNTIL_END,

    /**
     * The stream never finishes by itself while the session exists: after the end it waits, and
     * the events of a continuation of the session (a message posted after the end) arrive on it.
     * It finishes when the session is deleted or the engine shuts down, or when closed.
     */
    LIVE
}
