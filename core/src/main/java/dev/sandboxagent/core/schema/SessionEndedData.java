package dev.sandboxagent.core.schema;

import java.util.Objects;

/** Data of {@code session.ended}; exit code, message and stderr are set when the reason is error. */
public record SessionEndedData(
        SessionEndReason reason,
        TerminatedBy terminatedBy,
        Integer exitCode,
        String message,
        StderrOutput stderr) implements EventData {

    public SessionEndedData {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(terminatedBy, "terminated_by");
    }
}
