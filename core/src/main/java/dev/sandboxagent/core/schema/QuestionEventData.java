package dev.sandboxagent.core.schema;

import java.util.List;
import java.util.Objects;

/** Data of {@code question.requested} / {@code question.resolved}. */
public record QuestionEventData(String questionId, String prompt, List<String> options, QuestionStatus status,
                                String response) implements EventData {
    public QuestionEventData {
        Objects.requireNonNull(questionId, "question_id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(status, "status");
        options = options == null ? List.of() : List.copyOf(options);
    }

    public QuestionEventData resolved(QuestionStatus newStatus, String newResponse) {
        return new QuestionEventData(questionId, prompt, options, newStatus, newResponse);
    }
}
