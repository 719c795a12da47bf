package dev.sandboxagent.http;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;


import static dev.sandboxagent.http.SessionsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Permission and question answers over HTTP. */
class HitlApiTest extends ServerTestBase {

    HitlApiTest() {
        super("h");
    }

    private JsonObject waitFor(String type, long offset) {
        var events = t.sseUntil(t.request("/v1/sessions/h/events/sse?offset=" + offset).GET().build(),
                e -> e.type().equals(type));
        return events.getLast().data();
    }

    @Test
    void permissionRepliedOnceThenConflicts() {
        t.post("/v1/sessions/h/messages", "{\"message\":\"permission\"}");
        JsonObject req = waitFor("permission.requested", 0);
        String id = req.getJsonObject("data").getString("permission_id");
        assertThat(req.getJsonObject("data").getString("action")).isEqualTo("write_file");
        assertProblem(t.post("/v1/sessions/h/permissions/" + id + "/reply", "{\"reply\":\"sometimes\"}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/h/permissions/" + id + "/reply", "{}"), 400, "invalid_request");
        assertThat(t.post("/v1/sessions/h/permissions/" + id + "/reply", "{\"reply\":\"always\"}").statusCode()).isEqualTo(204);
        assertProblem(t.post("/v1/sessions/h/permissions/" + id + "/reply", "{\"reply\":\"once\"}"), 409, "invalid_request");
        assertProblem(t.post("/v1/sessions/h/permissions/unknown/reply", "{\"reply\":\"once\"}"), 404, "invalid_request");
        assertProblem(t.post("/v1/sessions/none/permissions/x/reply", "{\"reply\":\"once\"}"), 404, "session_not_found");
        JsonObject resolved = waitFor("permission.resolved", 0);
        assertThat(resolved.getJsonObject("data").getString("status")).isEqualTo("accept_for_session");
    }

    @Test
    void questionAnsweredAndRejected() {
        t.post("/v1/sessions/h/messages", "{\"message\":\"question\"}");
        String id = waitFor("question.requested", 0).getJsonObject("data").getString("question_id");
        assertProblem(t.post("/v1/sessions/h/questions/" + id + "/reply", "{\"answers\":\"red\"}"), 400, "invalid_request");
        assertProblem(t.post("/v1/sessions/h/questions/" + id + "/reply", "{\"answers\":[[1]]}"), 400, "invalid_request");
        assertThat(t.post("/v1/sessions/h/questions/" + id + "/reply", "{\"answers\":[[\"blue\"]]}").statusCode()).isEqualTo(204);
        assertProblem(t.post("/v1/sessions/h/questions/" + id + "/reject", ""), 409, "invalid_request");
        JsonObject resolved = waitFor("question.resolved", 0);
        assertThat(resolved.getJsonObject("data").getString("response")).isEqualTo("blue");

        long offset = t.mock.engine.getSession("h").eventCount();
        t.post("/v1/sessions/h/messages", "{\"message\":\"question\"}");
        String id2 = waitFor("question.requested", offset).getJsonObject("data").getString("question_id");
        assertThat(t.post("/v1/sessions/h/questions/" + id2 + "/reject", "").statusCode()).isEqualTo(204);
        assertThat(waitFor("question.resolved", offset).getJsonObject("data").getString("status")).isEqualTo("rejected");
        assertProblem(t.post("/v1/sessions/h/questions/nope/reject", ""), 404, "invalid_request");
    }
}
