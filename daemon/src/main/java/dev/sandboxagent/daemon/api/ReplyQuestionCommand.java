package dev.sandboxagent.daemon.api;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.StringReader;
import java.util.List;

/** {@code api sessions reply-question}: POST /v1/sessions/{id}/questions/{question_id}/reply. */
@Command(name = "reply-question", description = {"Answers an agent's question "
        + "(POST /v1/sessions/{id}/questions/{question_id}/reply); prints nothing on success (204).",
        "Each --answer is one chosen answer to the question (several for a multiple choice); a single -a that is "
                + "a JSON array (the seed CLI's form, e.g. -a '[[\"blue\"]]') is taken as the API's 'answers'; "
                + "--answers-json gives the API's 'answers' array of arrays as is, for several questions at once."},
        footer = {"  sandbox-daemon api sessions reply-question demo q_1 --answer blue",
                "  sandbox-daemon api sessions reply-question demo q_2 -a tests -a docs",
                "  sandbox-daemon api sessions reply-question demo q_4 -a '[[\"blue\"]]'",
                "  sandbox-daemon api sessions reply-question demo q_3 \\",
                "      --answers-json '[[\"yes\"], [\"main\"]]'"})
final class ReplyQuestionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Parameters(index = "1", paramLabel = "QUESTION_ID", description = "The question.")
    String questionId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Answers answers;

    static final class Answers {
        @Option(names = {"-a", "--answer"}, paramLabel = "ANSWER", description = "A chosen answer; repeatable.")
        List<String> answers;

        @Option(names = "--answers-json", paramLabel = "JSON", description = "The answers as a JSON array of arrays of strings.")
        String json;
    }

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        JsonArray body;
        if (answers.json != null) {
            try (JsonReader reader = Jsons.JSON.createReader(new StringReader(answers.json))) {
                body = reader.readArray();
            } catch (JsonException | IllegalStateException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--answers-json must be a JSON array of arrays of strings: " + e.getMessage());
            }
        } else if (answers.answers.size() == 1 && seedJson(answers.answers.getFirst()) != null) {
            body = seedJson(answers.answers.getFirst());
        } else {
            JsonArrayBuilder one = Jsons.JSON.createArrayBuilder();
            answers.answers.forEach(one::add);
            body = Jsons.JSON.createArrayBuilder().add(one).build();
        }
        Output.json(spec, api.client().post("/v1/sessions/" + ApiClient.segment(sessionId) + "/questions/"
                + ApiClient.segment(questionId) + "/reply", Jsons.JSON.createObjectBuilder().add("answers", body).build()));
    }

    /**
     * The seed CLI's {@code -a JSON}: a single answer that is a JSON array, of arrays of strings
     * (the API's {@code answers}) or of strings (one question's answers); null for a plain answer.
     */
    private static JsonArray seedJson(String answer) {
        if (!answer.startsWith("[")) {
            return null;
        }
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(answer))) {
            JsonArray array = reader.readArray();
            if (array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.ARRAY)) {
                return array;
            }
            if (array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING)) {
                return Jsons.JSON.createArrayBuilder().add(array).build();
            }
            return null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
