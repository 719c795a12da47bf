// #16's last stream test: streamEvents survives a restart of the daemon mid-stream. The packaged
// daemon is stopped while a consumer follows a 20,000-delta burst (SIGTERM: it ends the session
// and keeps its log), started again on the same data directory and port, and the consumer goes
// on where it was; the session is then continued, SIGKILLed once its log is on disk, and started
// again. Every event reaches the consumer exactly once, in order: the same list as the log.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { SandboxAgent } from "../dist/index.js";
import { DAEMON_BIN, freePort, sessionId, TOKEN, tempDir } from "./support/daemon.mjs";

const WAIT_MS = 60_000;
const INDEX_ENTRY_BYTES = 16; // the store's events.idx holds one entry per event written to disk

/** The packaged daemon on `port` and `dataDir`; resolves once it listens. */
async function startDaemon(port, dataDir) {
  const child = spawn(DAEMON_BIN, ["server", "--token", TOKEN, "--host", "127.0.0.1", "--port", String(port),
    "--data-dir", dataDir], { stdio: ["ignore", "pipe", "pipe"], cwd: dataDir });
  let out = "";
  child.stderr.on("data", (chunk) => (out += chunk));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the daemon did not listen within ${WAIT_MS} ms: ${out}`)), WAIT_MS);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the daemon exited with ${code} before listening: ${out}`));
    });
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    /** Sends `signal` and resolves once the process is gone. */
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Resolves with the value once `read()` gives one that `ok` accepts; fails after WAIT_MS. */
async function until(what, read, ok) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${WAIT_MS} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function wholeLog(client, id) {
  const events = [];
  for (;;) {
    const page = await client.getEvents(id, { offset: events.length ? events.at(-1).sequence : 0, limit: 5000 });
    events.push(...page.events);
    if (!page.hasMore || page.events.length === 0) return events;
  }
}

test("streamEvents survives a daemon restart mid-stream (SIGTERM) and after a SIGKILL: every event once, in order", async () => {
  const dataDir = tempDir("sdk-ts-restart-");
  const port = await freePort();
  let daemon = await startDaemon(port, dataDir);
  const client = await SandboxAgent.connect({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN });
  const id = sessionId("restart");
  await client.createSession(id, { agent: "mock" });
  const controller = new AbortController();
  const received = [];
  const waiters = [];
  const arrived = () => waiters.splice(0).forEach((w) => w());
  let failure;
  const reading = (async () => {
    // the daemon is away for a while: retries keep going for up to 60 s
    for await (const event of client.streamEvents(id, { offset: 0 }, controller.signal, { maxDelayMs: 500 })) {
      received.push(event);
      arrived();
    }
  })().catch((error) => {
    failure = error;
    arrived();
  });
  /** Resolves once a received event matches; fails after WAIT_MS or when the stream failed. */
  const receivedMatching = (what, match) =>
    until(what, async () => {
      if (failure) throw failure;
      return received.find(match);
    }, (found) => found !== undefined);
  try {
    await client.postMessage(id, { message: "burst 20000" });
    await receivedMatching("the burst under way", (e) => e.type === "item.delta" && e.sequence > 500);
    await daemon.stop("SIGTERM"); // mid-burst: the daemon ends the session and keeps its log
    daemon = await startDaemon(port, dataDir);
    await receivedMatching("the session's end, after the restart", (e) => e.type === "session.ended");

    // continued after the restart, then SIGKILLed once its log is on disk
    await client.postMessage(id, { message: "text after the restart" });
    const firstEnd = received.find((e) => e.type === "session.ended").sequence;
    const turnEnd = await receivedMatching("the continued turn", (e) => e.type === "turn.ended" && e.sequence > firstEnd);
    const index = join(dataDir, "sessions", id, "events.idx");
    await until("the log on disk", () => statSync(index).size, (size) => size >= turnEnd.sequence * INDEX_ENTRY_BYTES);
    await daemon.stop("SIGKILL");
    daemon = await startDaemon(port, dataDir);
    const stopped = await receivedMatching("the end the restart adds for a session that was running",
      (e) => e.type === "session.ended" && e.sequence > turnEnd.sequence);
    assert.equal(stopped.data.reason, "error");
    assert.match(stopped.data.message, /daemon stopped/);

    const log = await wholeLog(client, id);
    assert.equal(log.at(-1).sequence, stopped.sequence, "nothing after the last end");
    assert.ok(!failure, `the stream failed: ${failure}`);
    assert.equal(received.length, log.length, "as many events as the log holds");
    assert.deepEqual(received.map((e) => e.sequence), log.map((e) => e.sequence), "in order, no gap, no duplicate");
    assert.deepEqual(received.map((e) => e.event_id), log.map((e) => e.event_id));
    assert.ok(received.filter((e) => e.type === "item.delta").length > 500, "the burst was under way when it stopped");
  } finally {
    controller.abort();
    await reading;
    await daemon.stop("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
