package dev.sandboxagent.adapters.opencode;

/** What has been reported of one OpenCode part (for a tool part: of its call and its result). */
final class PartState {
    boolean started;
    boolean completed;
    boolean resultStarted;
    boolean resultCompleted;
}
