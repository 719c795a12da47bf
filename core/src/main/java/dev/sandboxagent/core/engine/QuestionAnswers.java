package dev.sandboxagent.core.engine;

import java.util.List;
import java.util.stream.Collectors;

/** How a question's answers are written into {@code question.resolved}'s {@code response}. */
final class QuestionAnswers {

    private QuestionAnswers() {
    }

    /** Answers to one question are joined by ", ", answers to several questions by newlines. */
    static String describe(List<List<String>> answers) {
        return answers.stream().map(a -> String.join(", ", a)).collect(Collectors.joining("\n"));
    }
}
