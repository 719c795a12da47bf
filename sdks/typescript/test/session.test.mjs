// The session handle: prompt, events, onEvent, waitForTurnEnd and the pending HITL requests.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { SandboxAgent, subQuestions } from "../dist/index.js";
import { collect, sessionId, tempDir, TOKEN, useDaemon } from "./support/daemon.mjs";

const daemon = useDaemon();

async function newHandle(label) {
  const id = sessionId(label);
  await daemon.client.createSession(id, { agent: "mock" });
  return daemon.client.session(id);
}

test("session(id) returns a handle at once, not a Promise", () => {
  const handle = daemon.client.session("any");
  assert.equal(typeof handle.then, "undefined");
  assert.equal(handle.id, "any");
});

test("prompt yields exactly that turn's events, with attachments", async () => {
  const handle = await newHandle("prompt");
  const dir = tempDir();
  const image = join(dir, "shot.png");
  writeFileSync(image, Buffer.from("89504e470d0a1a0a", "hex"));
  const events = await collect(handle.prompt("text look", { attachments: [{ path: image }] }));
  assert.equal(events[0].type, "turn.started");
  assert.equal(events.at(-1).type, "turn.ended");
  const user = events.find((e) => e.type === "item.completed" && e.data.item.role === "user");
  assert.ok(user.data.item.content.some((p) => p.type === "image"), JSON.stringify(user.data.item.content));
  const second = await collect(handle.prompt("text again"));
  assert.ok(second[0].sequence > events.at(-1).sequence);
});

test("events({ offset }) resumes after the offset", async () => {
  const handle = await newHandle("events");
  const first = await collect(handle.prompt("text one"));
  const controller = new AbortController();
  const seen = [];
  for await (const event of handle.events({ offset: 2, signal: controller.signal })) {
    seen.push(event.sequence);
    if (event.sequence === first.at(-1).sequence) controller.abort();
  }
  assert.deepEqual(seen, first.map((e) => e.sequence).filter((s) => s > 2));
});

test("onEvent calls back until unsubscribed", async () => {
  const handle = await newHandle("on-event");
  const seen = [];
  let ended;
  const done = new Promise((resolve) => (ended = resolve));
  const unsubscribe = handle.onEvent((event) => {
    seen.push(event);
    if (event.type === "turn.ended") ended();
  });
  await daemon.client.postMessage(handle.id, { message: "stream a b c" });
  await done;
  unsubscribe();
  const count = seen.length;
  await collect(handle.prompt("text after unsubscribe"));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(seen.length, count, "no events after unsubscribe");
  assert.deepEqual(seen.map((e) => e.sequence), seen.map((_, i) => i + 1));
});

test("onEvent reports a stream that fails for good (404) to onError", async () => {
  const error = await new Promise((resolve) => daemon.client.session("no-such-session").onEvent(() => {}, { onError: resolve }));
  assert.equal(error.status, 404);
});

test("waitForTurnEnd: the running turn, the next one, or the turn after an offset", async () => {
  const handle = await newHandle("wait");
  // The running turn: `hang` holds it open until interrupted, and it is interrupted only once
  // waitForTurnEnd has read the log and opened its stream (so the turn was running when it looked).
  await daemon.client.postMessage(handle.id, { message: "hang" });
  await waitFor(() => daemon.client.getEvents(handle.id), (page) => page.events.some((e) => e.type === "turn.started"));
  const watcher = await clientNoticingStreams();
  const running = watcher.client.session(handle.id).waitForTurnEnd();
  await watcher.streamOpened;
  await daemon.client.interruptSession(handle.id);
  const firstEnd = await running;
  assert.equal(firstEnd.type, "turn.ended");
  // The next one: nothing runs, so it waits for the turn that starts after it looked.
  const idle = await clientNoticingStreams();
  const next = idle.client.session(handle.id).waitForTurnEnd();
  await idle.streamOpened;
  await daemon.client.postMessage(handle.id, { message: "text first" });
  const nextEnd = await next;
  assert.ok(nextEnd.sequence > firstEnd.sequence);
  // After an offset: the first turn that starts after it, however fast it ran.
  const { eventCount } = await daemon.client.getSession(handle.id);
  await daemon.client.postMessage(handle.id, { message: "burst 50" });
  await waitFor(() => daemon.client.getSession(handle.id), (info) => info.eventCount > eventCount + 50);
  const afterOffset = await handle.waitForTurnEnd({ offset: eventCount });
  assert.ok(afterOffset.sequence > nextEnd.sequence);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  assert.equal(await handle.waitForTurnEnd({ signal: controller.signal }), undefined, "idle: aborted while waiting");
});

/** A second client on the same daemon, and a promise that resolves once it opens an SSE stream. */
async function clientNoticingStreams() {
  let opened;
  const streamOpened = new Promise((resolve) => (opened = resolve));
  const client = await SandboxAgent.connect({
    baseUrl: daemon.client.baseUrl,
    token: TOKEN,
    fetch: (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes("/events/sse")) opened();
      return fetch(input, init);
    },
  });
  return { client, streamOpened };
}

test("pendingPermissions and pendingQuestions are derived from the log", async () => {
  const handle = await newHandle("pending");
  assert.deepEqual(await handle.pendingPermissions(), []);
  const permissionTurn = handle.waitForTurnEnd({ offset: (await daemon.client.getSession(handle.id)).eventCount });
  await daemon.client.postMessage(handle.id, { message: "permission" });
  const asked = await waitFor(() => handle.pendingPermissions(), (list) => list.length === 1);
  assert.equal(asked[0].status, "requested");
  await daemon.client.replyPermission(handle.id, asked[0].permission_id, { reply: "once" });
  await permissionTurn;
  assert.deepEqual(await handle.pendingPermissions(), []);

  const questionTurn = handle.waitForTurnEnd({ offset: (await daemon.client.getSession(handle.id)).eventCount });
  await daemon.client.postMessage(handle.id, { message: "question" });
  const questions = await waitFor(() => handle.pendingQuestions(), (list) => list.length === 1);
  assert.deepEqual(questions[0].options, ["red", "green", "blue"]);
  await daemon.client.replyQuestion(handle.id, questions[0].question_id, { answers: [["blue"]] });
  await questionTurn;
  assert.deepEqual(await handle.pendingQuestions(), []);
});

async function waitFor(read, ok) {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not reached within 10 s");
}

test("a question with several sub-questions is pending with each, and answered one list each", async () => {
  const handle = await newHandle("questions");
  const turn = handle.waitForTurnEnd({ offset: (await daemon.client.getSession(handle.id)).eventCount });
  await daemon.client.postMessage(handle.id, { message: "questions" });
  const [question] = await waitFor(() => handle.pendingQuestions(), (list) => list.length === 1);
  assert.deepEqual(question.questions, [
    { question: "Which colour should I use?", header: "Colour", options: ["red", "green", "blue"], multiple: false },
    { question: "Which sizes?", header: "Sizes", options: ["small", "large"], multiple: true },
  ]);
  assert.deepEqual(subQuestions(question), question.questions);
  // one list per sub-question, or a 400 and the question stays open
  await assert.rejects(handle.replyQuestion(question.question_id, [["blue"]]), (e) => e.status === 400);
  assert.equal((await handle.pendingQuestions()).length, 1);
  await handle.replyQuestion(question.question_id, [["blue"], ["small", "large"]]);
  await turn;
  assert.deepEqual(await handle.pendingQuestions(), []);
  const log = await daemon.client.getEvents(handle.id, { offset: 0, limit: 1000 });
  const resolved = log.events.find((e) => e.type === "question.resolved");
  assert.equal(resolved.data.status, "answered");
  const reply = log.events.filter((e) => e.type === "item.completed" && e.data.item.role === "assistant").at(-1);
  assert.equal(reply.data.item.content[0].text, "You chose blue; small and large.");
});

test("a plain question is one sub-question; the handle rejects it", async () => {
  const handle = await newHandle("question-reject");
  const turn = handle.waitForTurnEnd({ offset: (await daemon.client.getSession(handle.id)).eventCount });
  await daemon.client.postMessage(handle.id, { message: "question" });
  const [question] = await waitFor(() => handle.pendingQuestions(), (list) => list.length === 1);
  assert.equal(question.questions, undefined);
  assert.deepEqual(subQuestions(question),
    [{ question: "Which colour should I use?", header: null, options: ["red", "green", "blue"], multiple: false }]);
  await handle.rejectQuestion(question.question_id);
  await turn;
  assert.deepEqual(await handle.pendingQuestions(), []);
});
