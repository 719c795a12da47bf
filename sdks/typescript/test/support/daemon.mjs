// Starts the real packaged daemon for the tests: `daemon/target/sandbox-daemon` (built by
// `mvn package`) or $SANDBOX_AGENT_BIN, on a free port, with a fresh temporary data directory.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { SandboxAgent } from "../../dist/index.js";

export const DAEMON_BIN =
  process.env.SANDBOX_AGENT_BIN ?? fileURLToPath(new URL("../../../../daemon/target/sandbox-daemon", import.meta.url));

function requireDaemon() {
  try {
    accessSync(DAEMON_BIN, constants.X_OK);
  } catch {
    throw new Error(
      `the packaged daemon is missing: ${DAEMON_BIN}. Build it first with \`mvn -B package -DskipTests\` ` +
        "in the repository root (./run-tests does), or set SANDBOX_AGENT_BIN.",
    );
  }
}

export function tempDir(prefix = "sdk-ts-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The token of the daemons startWithToken starts. */
export const TOKEN = randomUUID();

/** A daemon with TOKEN, started through SandboxAgent.start; `client.dispose()` stops it. */
export async function startWithToken(extra = {}) {
  requireDaemon();
  const dataDir = tempDir("sdk-ts-data-");
  const client = await SandboxAgent.start({
    spawn: {
      binaryPath: DAEMON_BIN,
      token: TOKEN,
      log: "silent",
      timeoutMs: 60_000,
      env: { SANDBOX_AGENT_DATA_DIR: dataDir },
      cwd: dataDir, // sessions without a directory (the mock writes notes.txt) work in there
    },
    ...extra,
  });
  const dispose = client.dispose.bind(client);
  client.dispose = async () => {
    await dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return client;
}

/** One daemon for the calling test file: started before its tests, stopped after them. */
export function useDaemon() {
  const daemon = { client: undefined };
  before(async () => {
    daemon.client = await startWithToken();
  });
  after(async () => {
    await daemon.client?.dispose();
  });
  return daemon;
}

/** A temporary directory for the calling test file: `dir.path`, removed after its tests. */
export function useTempDir(prefix) {
  const dir = { path: undefined };
  before(() => {
    dir.path = tempDir(prefix);
  });
  after(() => {
    rmSync(dir.path, { recursive: true, force: true });
  });
  return dir;
}

/** A daemon started with `--no-token`; resolves to { baseUrl, stop }. */
export async function startWithoutToken() {
  requireDaemon();
  const dataDir = tempDir("sdk-ts-data-");
  const port = await freePort();
  const child = spawn(DAEMON_BIN, ["server", "--no-token", "--host", "127.0.0.1", "--port", String(port), "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
    cwd: dataDir,
  });
  await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("listening on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`sandbox-daemon exited with ${code} before listening: ${out}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl: `http://127.0.0.1:${port}`, stop };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Collects an async iterable into an array. */
export async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

let counter = 0;
/** A session id no other test uses. */
export function sessionId(label) {
  return `${label}-${process.pid}-${++counter}`;
}
