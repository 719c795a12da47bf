package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.RecordingSink.Call;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codex's {@code item/tool/requestUserInput} (its request_user_input tool) as questions. The
 * request is the one codex 0.169.0 sent in the adapter's exploration runs.
 */
class CodexQuestionsTest {

    private static final String ONE = """
            {"method":"item/tool/requestUserInput","id":0,"params":{"threadId":"t","turnId":"u","itemId":"call_1",\
            "questions":[{"id":"colour","header":"Colour","question":"Which colour?","isOther":true,"isSecret":false,\
            "options":[{"label":"red","description":"warm"},{"label":"blue","description":"cool"}]}],\
            "isBlocking":false,"autoResolutionMs":null}}""";

    private static final String TWO = """
            {"method":"item/tool/requestUserInput","id":1,"params":{"threadId":"t","turnId":"u","itemId":"call_2",\
            "questions":[{"id":"a","header":"A","question":"First?","options":[{"label":"x","description":""}]},\
            {"id":"b","header":"B","question":"Second?","options":null}],"isBlocking":true}}""";

    @Test
    void oneQuestionWithOptionsIsAskedAndAnswered() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-multiturn.jsonl");
        r.peer.onLine(ONE);
        Call q = r.sink.of("questionRequested").getFirst();
        assertThat(q.text()).isEqualTo("Which colour?");
        assertThat(q.options()).containsExactly("red", "blue");
        r.requests.replyQuestion(q.id(), List.of(List.of("red")));
        assertThat(r.written).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"answers\":{\"colour\":{\"answers\":[\"red\"]}}}}");
    }

    @Test
    void severalQuestionsShareOnePromptAndAnswersGoInOrder() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-multiturn.jsonl");
        r.peer.onLine(TWO);
        Call q = r.sink.of("questionRequested").getFirst();
        assertThat(q.text() + " " + q.options()).isEqualTo("First? (x)\nSecond? []");
        r.requests.replyQuestion(q.id(), List.of(List.of("x"), List.of("free text")));
        assertThat(r.written.getFirst()).contains("\"a\":{\"answers\":[\"x\"]}").contains("\"b\":{\"answers\":[\"free text\"]}");
    }

    @Test
    void aRejectedQuestionIsAnsweredWithNoAnswers() throws Exception {
        TranscriptReplay r = new TranscriptReplay("appserver-multiturn.jsonl");
        r.peer.onLine(ONE);
        r.requests.rejectQuestion(r.sink.of("questionRequested").getFirst().id());
        assertThat(r.written).containsExactly("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"answers\":{}}}");
    }
}
