// Streams after a session's end: the daemon keeps them open (keep-alive comments), so streamEvents
// stays on one connection and a continuation's events (a message posted to the ended session)
// arrive on it; close_at_end ends the iteration with the session; waitForTurnEnd does not wait
// for a turn that cannot start.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SandboxAgent } from "../dist/index.js";
import { collect, sessionId, TOKEN, useDaemon } from "./support/daemon.mjs";

const daemon = useDaemon();
const WAIT_MS = 30_000;

/** An ended session: one turn, then terminated; resolves to its id and event count. */
async function endedSession(label) {
  const id = sessionId(label);
  await daemon.client.createSession(id, { agent: "mock" });
  await collect(daemon.client.session(id).prompt("text hello"));
  await daemon.client.terminateSession(id);
  return { id, total: (await daemon.client.getSession(id)).eventCount };
}

/** Rejects when `promise` does not settle within `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether `promise` is still pending after `ms`. */
async function pendingAfter(promise, ms) {
  const marker = Symbol("pending");
  const result = await Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(marker), ms))]);
  return result === marker;
}

test("streamEvents stays on one connection after the end and carries the continuation", async () => {
  const { id, total } = await endedSession("stay");
  let opens = 0;
  const client = await SandboxAgent.connect({
    baseUrl: daemon.client.baseUrl,
    token: TOKEN,
    fetch: (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes("/events/sse")) opens++;
      return fetch(input, init);
    },
  });
  const controller = new AbortController();
  const it = client.streamEvents(id, { offset: 0 }, controller.signal)[Symbol.asyncIterator]();
  try {
    const seen = [];
    while (seen.length < total) {
      seen.push((await within(it.next(), WAIT_MS, `event ${seen.length + 1} of ${total}`)).value);
    }
    assert.equal(seen.at(-1).type, "session.ended");
    const next = it.next();
    assert.ok(await pendingAfter(next, 1_500), "no event after the end, and the iteration goes on");
    assert.equal(opens, 1, "one connection: the daemon did not close it, so the SDK did not reconnect");

    await daemon.client.postMessage(id, { message: "text again" });
    const continued = [(await within(next, WAIT_MS, "the continuation's first event")).value];
    while (continued.at(-1).type !== "turn.ended") {
      continued.push((await within(it.next(), WAIT_MS, "the continuation's turn")).value);
    }
    assert.equal(continued[0].type, "session.started");
    assert.equal(continued[0].sequence, total + 1);
    assert.deepEqual(continued.map((e) => e.sequence), continued.map((_, i) => total + 1 + i));
    assert.equal(opens, 1, "the continuation came on the same connection");
  } finally {
    controller.abort();
  }
});

test("streamEvents with close_at_end ends with the session; getEventsSse's body ends too", async () => {
  const { id, total } = await endedSession("close");
  const events = await within(collect(daemon.client.streamEvents(id, { offset: 0, close_at_end: true })), WAIT_MS,
    "the end of the stream");
  assert.equal(events.length, total);
  assert.equal(events.at(-1).type, "session.ended");
  const response = await daemon.client.getEventsSse(id, { offset: total - 1, close_at_end: true });
  const body = await within(response.text(), WAIT_MS, "the end of the SSE body");
  assert.match(body, /"type":"session\.ended"/);
});

test("waitForTurnEnd of an ended session resolves with its session.ended", async () => {
  const { id } = await endedSession("wait");
  const handle = daemon.client.session(id);
  const end = await within(handle.waitForTurnEnd(), WAIT_MS, "waitForTurnEnd");
  assert.equal(end?.type, "session.ended");
  // continued, the session runs a turn again and waitForTurnEnd waits for it
  const { eventCount } = await daemon.client.getSession(id);
  const turn = handle.waitForTurnEnd({ offset: eventCount });
  await daemon.client.postMessage(id, { message: "text more" });
  assert.equal((await within(turn, WAIT_MS, "the continued turn"))?.type, "turn.ended");
});
