package dev.sandboxagent.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * Data of {@code question.requested} / {@code question.resolved}. {@code questions} (our
 * addition) lists the sub-questions when the agent asked several at once (else it is empty):
 * each has its own options, and the answer carries one list per sub-question, in order.
 * {@code prompt} and {@code options} then show them all (one prompt per line) and the first's options.
 */
public record QuestionEventData(String questionId, String prompt, List<String> options, QuestionStatus status,
                                String response, List<SubQuestion> questions) implements EventData {

    /** One of several questions asked together; {@code multiple}: more than one option may be chosen. */
    public record SubQuestion(String question, String header, List<String> options, boolean multiple) {
        public SubQuestion {
            Objects.requireNonNull(question, "question");
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    public QuestionEventData {
        Objects.requireNonNull(questionId, "question_id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(status, "status");
        options = options == null ? List.of() : List.copyOf(options);
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** A question without sub-questions. */
    public QuestionEventData(String questionId, String prompt, List<String> options, QuestionStatus status,
                             String response) {
        this(questionId, prompt, options, status, response, List.of());
    }

    /** A request for several questions at once: the prompt lists them, the options are the first's. */
    public static QuestionEventData requested(String questionId, List<SubQuestion> questions) {
        String prompt = String.join("\n", questions.stream().map(SubQuestion::question).toList());
        List<String> first = questions.isEmpty() ? List.of() : questions.getFirst().options();
        return new QuestionEventData(questionId, prompt, first, QuestionStatus.REQUESTED, null,
                questions.size() > 1 ? questions : List.of());
    }

    public QuestionEventData resolved(QuestionStatus newStatus, String newResponse) {
        return new QuestionEventData(questionId, prompt, options, newStatus, newResponse, questions);
    }
}
