#!/usr/bin/env node
// How fast streamEvents consumes a burst, next to how fast the daemon produces and serves it.
//   node scripts/bench-stream.mjs [deltas=100000] [rounds=3]
// Starts the packaged daemon ($SANDBOX_AGENT_BIN, else daemon/target/sandbox-daemon) and, per
// round, runs `burst N` on a fresh mock session four ways:
//   produced   the daemon's own rate: turn events / (turn.ended.time - turn.started.time)
//   raw http   a minimal client that only counts SSE frames, live (the daemon's serving rate)
//   sdk live   streamEvents following the session while the burst runs
//   sdk replay streamEvents reading the finished turn from the log
// Each figure is events / seconds from POST to the turn.ended being read (replay: from the request).
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SandboxAgent } from "../dist/index.js";

const deltas = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const binaryPath =
  process.env.SANDBOX_AGENT_BIN ?? fileURLToPath(new URL("../../../daemon/target/sandbox-daemon", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "sdk-bench-"));
const token = randomUUID();
const client = await SandboxAgent.start({
  spawn: { binaryPath, token, log: "silent", timeoutMs: 60_000, env: { SANDBOX_AGENT_DATA_DIR: dataDir }, cwd: dataDir },
});
let sessions = 0;

async function freshSession() {
  const id = `bench-${++sessions}`;
  await client.createSession(id, { agent: "mock" });
  return { id, offset: (await client.getSession(id)).eventCount };
}

async function sdkLive() {
  const { id, offset } = await freshSession();
  const controller = new AbortController();
  let count = 0;
  let first;
  let last;
  const started = performance.now();
  const reading = (async () => {
    for await (const event of client.streamEvents(id, { offset }, controller.signal)) {
      count++;
      first ??= event;
      if (event.type === "turn.ended") {
        last = event;
        controller.abort();
      }
    }
  })();
  await client.postMessage(id, { message: `burst ${deltas}` });
  await reading;
  const seconds = (performance.now() - started) / 1000;
  const producedSeconds = (Date.parse(last.time) - Date.parse(first.time)) / 1000;
  return { id, offset, count, sdkLive: count / seconds, produced: count / producedSeconds };
}

async function sdkReplay(id, offset) {
  const controller = new AbortController();
  let count = 0;
  const started = performance.now();
  for await (const event of client.streamEvents(id, { offset }, controller.signal)) {
    count++;
    if (event.type === "turn.ended") controller.abort();
  }
  return count / ((performance.now() - started) / 1000);
}

/** Counts `\n\n`-terminated frames on a plain node:http response until `expected` arrived. */
async function rawLive(expected) {
  const { id, offset } = await freshSession();
  const url = new URL(`${client.baseUrl}/v1/sessions/${id}/events/sse?offset=${offset}`);
  const started = performance.now();
  const done = new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let frames = 0;
      let previousNewline = false;
      res.on("data", (chunk) => {
        for (let i = 0; i < chunk.length; i++) {
          const isNewline = chunk[i] === 10;
          if (isNewline && previousNewline) frames++;
          previousNewline = isNewline;
        }
        if (frames >= expected) {
          req.destroy();
          resolve(frames);
        }
      });
    });
    req.on("error", (e) => (e.code === "ECONNRESET" ? undefined : reject(e)));
    req.end();
  });
  await client.postMessage(id, { message: `burst ${deltas}` });
  const frames = await done;
  return frames / ((performance.now() - started) / 1000);
}

const results = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const live = await sdkLive();
    const replay = await sdkReplay(live.id, live.offset);
    const raw = await rawLive(live.count);
    results.push({ produced: live.produced, raw, sdkLive: live.sdkLive, replay });
    console.log(
      `round ${round}: ${live.count} events; produced ${fmt(live.produced)}/s, raw http ${fmt(raw)}/s, ` +
        `sdk live ${fmt(live.sdkLive)}/s, sdk replay ${fmt(replay)}/s`,
    );
    await client.deleteSession(live.id);
  }
} finally {
  await client.dispose();
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(["produced", "raw", "sdkLive", "replay"].map((k) => [k, median(results.map((r) => r[k]))]));
console.log(
  `median of ${rounds}: produced ${fmt(m.produced)}/s, raw http ${fmt(m.raw)}/s, sdk live ${fmt(m.sdkLive)}/s ` +
    `(${(m.sdkLive / m.raw).toFixed(2)}x raw), sdk replay ${fmt(m.replay)}/s (${(m.replay / m.raw).toFixed(2)}x raw)`,
);

function fmt(n) {
  return Math.round(n).toLocaleString("en-US");
}
