package dev.sandboxagent.core.schema;

/** The state of a question put to the human. */
public enum QuestionStatus implements WireEnum {
    REQUESTED("requested"),
    ANSWERED("answered"),
    REJECTED("rejected");

    private final String wire;

    QuestionStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
