// Every method of the client against the real daemon and its mock agent.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SandboxAgent, SandboxAgentError, buildInspectorUrl } from "../dist/index.js";
import { collect, sessionId, startWithToken, startWithoutToken, useDaemon } from "./support/daemon.mjs";

const daemon = useDaemon();

const types = (events) => events.map((e) => e.type);
const assistantText = (events) =>
  events.filter((e) => e.type === "item.delta").map((e) => e.data.delta).join("");

async function newSession(label, request = { agent: "mock" }) {
  const id = sessionId(label);
  await daemon.client.createSession(id, request);
  return id;
}

/** Runs one turn through streamTurn, answering HITL requests with `answer(event)`. */
async function turn(id, message, answer = async () => {}) {
  const events = [];
  for await (const event of daemon.client.streamTurn(id, { message })) {
    events.push(event);
    await answer(event);
  }
  return events;
}

describe("agents and health", () => {
  test("getHealth, listAgents, getAgentModes, getAgentModels, installAgent", async () => {
    assert.deepEqual(await daemon.client.getHealth(), { status: "ok" });
    const { agents } = await daemon.client.listAgents();
    assert.ok(agents.some((a) => a.id === "mock"), JSON.stringify(agents.map((a) => a.id)));
    const modes = await daemon.client.getAgentModes("mock");
    assert.ok(modes.modes.some((m) => m.id === "build"));
    const models = await daemon.client.getAgentModels("mock");
    assert.equal(models.defaultModel, "mock-1");
    assert.equal(await daemon.client.installAgent("mock"), undefined);
  });

  test("an unknown agent is a SandboxAgentError with the parsed problem", async () => {
    const error = await daemon.client.installAgent("no-such-agent").catch((e) => e);
    assert.ok(error instanceof SandboxAgentError);
    assert.equal(error.status, 400);
    assert.equal(error.problem.type, "urn:sandbox-agent:error:unsupported_agent");
    assert.equal(error.message, "Unsupported agent");
    assert.equal(error.response.status, 400);
  });
});

describe("sessions", () => {
  test("createSession, listSessions, getSession, deleteSession", async () => {
    const id = sessionId("crud");
    const created = await daemon.client.createSession(id, { agent: "mock", title: "crud" });
    assert.equal(created.healthy, true);
    assert.ok((await daemon.client.listSessions()).sessions.some((s) => s.sessionId === id));
    const info = await daemon.client.getSession(id);
    assert.equal(info.agent, "mock");
    assert.equal(info.title, "crud");
    await daemon.client.deleteSession(id);
    const gone = await daemon.client.getSession(id).catch((e) => e);
    assert.equal(gone.status, 404);
    assert.equal(gone.problem.type, "urn:sandbox-agent:error:session_not_found");
  });

  test("error statuses: duplicate create 409, unknown agent 400, unknown session 404, bad body 400", async () => {
    const id = await newSession("errors");
    assert.equal((await daemon.client.createSession(id, { agent: "mock" }).catch((e) => e)).status, 409);
    assert.equal((await daemon.client.createSession(sessionId("x"), { agent: "nope" }).catch((e) => e)).status, 400);
    assert.equal((await daemon.client.postMessage("missing", { message: "hi" }).catch((e) => e)).status, 404);
    assert.equal((await daemon.client.terminateSession("missing").catch((e) => e)).status, 404);
    const bad = await daemon.client.postMessage(id, { message: 42 }).catch((e) => e);
    assert.equal(bad.status, 400);
    assert.equal(bad.problem.type, "urn:sandbox-agent:error:invalid_request");
    assert.equal((await daemon.client.replyPermission(id, "no-such", { reply: "once" }).catch((e) => e)).status, 404);
    assert.equal((await daemon.client.rejectQuestion(id, "no-such").catch((e) => e)).status, 404);
  });

  test("postMessage then getEvents pages the log", async () => {
    const id = await newSession("post");
    const { eventCount } = await daemon.client.getSession(id);
    await daemon.client.postMessage(id, { message: "text hello there" });
    await daemon.client.session(id).waitForTurnEnd({ offset: eventCount });
    const all = await daemon.client.getEvents(id);
    assert.deepEqual(types(all.events).slice(-3), ["item.delta", "item.completed", "turn.ended"]);
    const page = await daemon.client.getEvents(id, { offset: 1, limit: 2 });
    assert.deepEqual(page.events.map((e) => e.sequence), [2, 3]);
    assert.equal(page.hasMore, true);
    const plain = await daemon.client.getEvents(id, { offset: 0 });
    assert.ok(plain.events.every((e) => !("raw" in e)));
    for (const query of [{ include_raw: true }, { includeRaw: true } /* the v0.1 client's spelling */]) {
      const raw = await daemon.client.getEvents(id, { offset: 0, ...query });
      assert.ok(raw.events.some((e) => "raw" in e), JSON.stringify(query));
    }
  });

  test("getEventsSse and postMessageStream give the raw SSE responses", async () => {
    const id = await newSession("raw-sse");
    const turnResponse = await daemon.client.postMessageStream(id, { message: "text raw" });
    assert.match(turnResponse.headers.get("content-type"), /text\/event-stream/);
    const body = await turnResponse.text();
    assert.match(body, /"type":"turn\.ended"/);
    const controller = new AbortController();
    const sse = await daemon.client.getEventsSse(id, { offset: 0 }, controller.signal);
    const reader = sse.body.getReader();
    const { value } = await reader.read();
    assert.match(new TextDecoder().decode(value), /^id:1\ndata:\{/);
    controller.abort();
  });

  test("streamEvents follows the log live and stops on abort", async () => {
    const id = await newSession("follow");
    const controller = new AbortController();
    const seen = [];
    const reading = (async () => {
      for await (const event of daemon.client.streamEvents(id, { offset: 0 }, controller.signal)) {
        seen.push(event);
        if (event.type === "turn.ended") controller.abort();
      }
    })();
    await daemon.client.postMessage(id, { message: "stream one two three" });
    await reading;
    assert.deepEqual(seen.map((e) => e.sequence), seen.map((_, i) => i + 1));
    assert.equal(assistantText(seen), "one two three");
  });
});

describe("the mock agent's commands", () => {
  for (const reply of ["once", "always", "reject"]) {
    test(`permission answered ${reply}`, async () => {
      const id = await newSession(`perm-${reply}`);
      const events = await turn(id, "permission", async (e) => {
        if (e.type === "permission.requested") await daemon.client.replyPermission(id, e.data.permission_id, { reply });
      });
      const resolved = events.find((e) => e.type === "permission.resolved");
      assert.equal(resolved.data.status, reply === "reject" ? "reject" : reply === "once" ? "accept" : "accept_for_session");
      assert.match(assistantText(events), reply === "reject" ? /rejected/ : /granted/);
      if (reply === "always") {
        const second = await turn(id, "permission");
        assert.ok(!types(second).includes("permission.requested"), "always: no second ask");
      }
    });
  }

  test("question answered, and question rejected", async () => {
    const id = await newSession("question");
    const answered = await turn(id, "question", async (e) => {
      if (e.type === "question.requested") await daemon.client.replyQuestion(id, e.data.question_id, { answers: [["green"]] });
    });
    assert.match(assistantText(answered), /You chose green/);
    const rejected = await turn(id, "question", async (e) => {
      if (e.type === "question.requested") await daemon.client.rejectQuestion(id, e.data.question_id);
    });
    assert.equal(rejected.find((e) => e.type === "question.resolved").data.status, "rejected");
    assert.match(assistantText(rejected), /rejected/);
  });

  test("tool, image and error turns", async () => {
    const id = await newSession("kinds");
    const tool = await turn(id, "tool");
    const kinds = tool.filter((e) => e.type === "item.completed").map((e) => e.data.item.kind);
    assert.deepEqual(kinds, ["message", "tool_call", "tool_result", "message"]);
    const image = await turn(id, "image");
    const parts = image.filter((e) => e.type === "item.completed").flatMap((e) => e.data.item.content);
    assert.ok(parts.some((p) => p.type === "image"), JSON.stringify(parts));
    const error = await turn(id, "error");
    assert.deepEqual(types(error).slice(-2), ["error", "turn.ended"]);
    assert.equal(error.find((e) => e.type === "error").data.code, "mock_error");
  });

  test("burst N streams N deltas", async () => {
    const id = await newSession("burst");
    const events = await turn(id, "burst 500");
    assert.equal(events.filter((e) => e.type === "item.delta").length, 500);
  });

  test("hang is ended by interruptSession and the session stays usable; terminateSession ends it", async () => {
    const id = await newSession("hang");
    const handle = daemon.client.session(id);
    const ended = handle.waitForTurnEnd({ offset: (await daemon.client.getSession(id)).eventCount });
    await daemon.client.postMessage(id, { message: "hang" });
    for await (const e of handle.events()) {
      if (e.type === "item.started" && e.data.item.role === "assistant") break;
    }
    await daemon.client.interruptSession(id);
    assert.equal((await ended)?.type, "turn.ended");
    assert.match(assistantText(await turn(id, "text still here")), /still here/);
    await daemon.client.terminateSession(id);
    const info = await daemon.client.getSession(id);
    assert.equal(info.ended, true);
  });
});

describe("auth and connect options", () => {
  test("a wrong token is a 401 problem; headers and a custom fetch are used", async () => {
    const wrong = await SandboxAgent.connect({ baseUrl: daemon.client.baseUrl, token: "wrong" });
    const error = await wrong.listSessions().catch((e) => e);
    assert.equal(error.status, 401);
    assert.equal(error.problem.type, "urn:sandbox-agent:error:token_invalid");
    const seen = [];
    const spy = await SandboxAgent.connect({
      baseUrl: `${daemon.client.baseUrl}/`,
      headers: { "X-Trace": "abc" },
      fetch: (url, init) => {
        seen.push([String(url), new Headers(init.headers).get("x-trace")]);
        return fetch(url, init);
      },
    });
    assert.deepEqual(await spy.getHealth(), { status: "ok" });
    assert.deepEqual(seen, [[`${daemon.client.baseUrl}/v1/health`, "abc"]]);
  });

  test("a daemon started with --no-token needs no token", async () => {
    const noToken = await startWithoutToken();
    try {
      const open = await SandboxAgent.connect({ baseUrl: noToken.baseUrl });
      const id = sessionId("no-token");
      await open.createSession(id, { agent: "mock" });
      const events = await collect(open.streamTurn(id, { message: "text open" }));
      assert.equal(events.at(-1).type, "turn.ended");
    } finally {
      await noToken.stop();
    }
  });

  test("start() refuses spawn: false and a missing binary; dispose() stops the daemon", async () => {
    await assert.rejects(SandboxAgent.start({ spawn: false }), /requires spawn/);
    await assert.rejects(SandboxAgent.start({ spawn: { binaryPath: "/nonexistent/sandbox-daemon", log: "silent" } }), /ENOENT/);
    const own = await startWithToken();
    const url = own.baseUrl;
    await own.dispose();
    await assert.rejects(fetch(`${url}/v1/health`));
  });

  test("buildInspectorUrl", () => {
    assert.equal(buildInspectorUrl({ baseUrl: "http://h:1/" }), "http://h:1/ui/");
    assert.equal(buildInspectorUrl({ baseUrl: "http://h:1", token: "t k" }), "http://h:1/ui/?token=t+k");
    assert.equal(
      buildInspectorUrl({ baseUrl: "http://h:1", token: "t", headers: { A: "b" } }),
      "http://h:1/ui/?token=t&headers=%7B%22A%22%3A%22b%22%7D",
    );
  });
});
