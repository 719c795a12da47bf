package dev.sandboxagent.adapters.opencode;

/** What has been reported of one OpenCode part (for a tool part: of its call and its result). */
final class PartState {
    boolean started;
    boolean completed;
    boolean resultStarted;
    boolean resultCompleted;
    /** The text streamed as deltas so far (until the part completes). */
    StringBuilder streamed;
    /**
     * The part's deltas were cut off by a lost event stream: later deltas are not reported (they
     * may repeat what the catch-up read), and the completion streams the rest of the text once.
     */
    boolean gapped;
}
