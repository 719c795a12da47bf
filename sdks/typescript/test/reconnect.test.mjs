// streamEvents across dropped connections: a proxy cuts the stream at random points during a
// 20,000-delta burst; the consumer must see every event exactly once, in order.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { test } from "node:test";
import { SandboxAgent } from "../dist/index.js";
import { startCuttingProxy } from "./support/cutting-proxy.mjs";
import { TOKEN, sessionId, useDaemon } from "./support/daemon.mjs";

const daemon = useDaemon();

const port = (baseUrl) => Number(new URL(baseUrl).port);
const fast = { initialDelayMs: 5, maxDelayMs: 50, giveUpAfterMs: 10_000 };

test("200+ random cuts during a 20,000-delta burst: every event exactly once, in order", async () => {
  const id = sessionId("cuts");
  await daemon.client.createSession(id, { agent: "mock" });
  // About 250 bytes per event, 20,000+ events (5 MB): 300 cuts, on average 18 KB apart, fall
  // all over the burst (the final item.completed holds the whole text and is larger).
  const proxy = await startCuttingProxy(port(daemon.client.baseUrl), { maxBytesBeforeCut: 36_000, cuts: 300 });
  try {
    const viaProxy = await SandboxAgent.connect({ baseUrl: `http://127.0.0.1:${proxy.port}`, token: TOKEN });
    const controller = new AbortController();
    const received = [];
    let beforeLastCut;
    const reading = (async () => {
      for await (const event of viaProxy.streamEvents(id, { offset: 0 }, controller.signal, fast)) {
        received.push(event);
        if (proxy.stats.cuts === 300) beforeLastCut ??= received.length;
        if (event.type === "turn.ended") controller.abort();
      }
    })();
    await daemon.client.postMessage(id, { message: "burst 20000" });
    await reading;

    const log = await readWholeLog(id);
    assert.equal(proxy.stats.cuts, 300);
    assert.equal(received.length, log.length, "as many events as the log holds");
    assert.deepEqual(received.map((e) => e.sequence), log.map((e) => e.sequence), "in order, no gap, no duplicate");
    assert.deepEqual(received.map((e) => e.event_id), log.map((e) => e.event_id));
    assert.equal(received.filter((e) => e.type === "item.delta").length, 20_000);
    console.log(`# ${proxy.stats.cuts} cuts (the last one after event ${beforeLastCut}), ${proxy.stats.connections} connections, ${received.length} events`);
  } finally {
    await proxy.close();
  }
});

test("an AbortSignal stops a stream that is reconnecting at once", async () => {
  const id = sessionId("abort");
  await daemon.client.createSession(id, { agent: "mock" });
  const refusing = await closedPort();
  const dead = await SandboxAgent.connect({ baseUrl: `http://127.0.0.1:${refusing}` });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 300);
  for await (const _ of dead.streamEvents(id, undefined, controller.signal, { initialDelayMs: 5_000, maxDelayMs: 5_000 })) {
    assert.fail("no event expected");
  }
  assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
});

test("it gives up after giveUpAfterMs without a successful reconnect", async () => {
  const refusing = await closedPort();
  const dead = await SandboxAgent.connect({ baseUrl: `http://127.0.0.1:${refusing}` });
  const started = Date.now();
  await assert.rejects(async () => {
    for await (const _ of dead.streamEvents("x", undefined, undefined, { initialDelayMs: 10, maxDelayMs: 40, giveUpAfterMs: 400 })) {
      assert.fail("no event expected");
    }
  }, TypeError /* fetch failed */);
  const took = Date.now() - started;
  assert.ok(took >= 400 && took < 2_000, `gave up after ${took} ms`);
});

test("401 and 404 are not retried", async () => {
  let calls = 0;
  const counting = (url, init) => {
    calls++;
    return fetch(url, init);
  };
  const wrongToken = await SandboxAgent.connect({ baseUrl: daemon.client.baseUrl, token: "wrong", fetch: counting });
  await assert.rejects(drain(wrongToken.streamEvents("x")), (e) => e.status === 401);
  assert.equal(calls, 1);
  const anonymous = await SandboxAgent.connect({ baseUrl: daemon.client.baseUrl, token: TOKEN, fetch: counting });
  await assert.rejects(drain(anonymous.streamEvents("no-such-session")), (e) => e.status === 404);
  assert.equal(calls, 2);
});

async function drain(iterable) {
  for await (const _ of iterable);
}

async function readWholeLog(id) {
  const events = [];
  let offset = 0;
  for (;;) {
    const page = await daemon.client.getEvents(id, { offset, limit: 5_000 });
    events.push(...page.events);
    if (!page.hasMore) return events;
    offset = events.at(-1).sequence;
  }
}


/** A port nothing listens on. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
