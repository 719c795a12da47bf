// Starts a daemon as a child process (Node only). The main entry reaches this module through a
// dynamic import, so browsers never load it.
import type { ChildProcess } from "node:child_process";

export type SandboxAgentSpawnLogMode = "inherit" | "pipe" | "silent";

export type SandboxAgentSpawnOptions = {
  enabled?: boolean;
  host?: string;
  port?: number;
  token?: string;
  /** The launcher; default `$SANDBOX_AGENT_BIN`, else `sandbox-daemon` on `PATH`. */
  binaryPath?: string;
  /** How long to wait for `/v1/health` (ms). Default 30000. */
  timeoutMs?: number;
  log?: SandboxAgentSpawnLogMode;
  env?: Record<string, string>;
  /** The daemon's working directory, where sessions without a `directory` run (ours; default: this process's). */
  cwd?: string;
};

export type SandboxAgentSpawnHandle = {
  baseUrl: string;
  token: string;
  child: ChildProcess;
  dispose: () => Promise<void>;
};

const BINARY = "sandbox-daemon";

export async function spawnSandboxAgent(
  options: SandboxAgentSpawnOptions,
  fetcher: typeof fetch = globalThis.fetch,
): Promise<SandboxAgentSpawnHandle> {
  if (typeof process === "undefined" || !process.versions?.node) {
    throw new Error("SandboxAgent.start needs Node.js; in a browser use SandboxAgent.connect.");
  }
  const { spawn } = await import("node:child_process");
  const { randomBytes } = await import("node:crypto");

  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await freePort(host));
  const connectHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host;
  const token = options.token ?? randomBytes(24).toString("hex");
  const binaryPath = options.binaryPath ?? (await findBinary());
  const log = options.log ?? "inherit";

  const child = spawn(binaryPath, ["server", "--host", host, "--port", String(port), "--token", token], {
    stdio: log === "inherit" ? "inherit" : log === "silent" ? "ignore" : "pipe",
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
  });
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  const stopOnExit = () => child.exitCode === null && child.kill("SIGTERM");
  process.once("exit", stopOnExit);

  const dispose = async () => {
    process.off("exit", stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill("SIGTERM");
    if (!(await exited(child, 10_000))) {
      child.kill("SIGKILL");
      await exited(child, 5_000);
    }
  };

  const baseUrl = `http://${connectHost}:${port}`;
  try {
    await Promise.race([waitForHealth(baseUrl, fetcher, options.timeoutMs ?? 30_000, child), spawnError]);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { baseUrl, token, child, dispose };
}

async function findBinary(): Promise<string> {
  const { access, constants } = await import("node:fs/promises");
  const path = await import("node:path");
  const fromEnv = process.env.SANDBOX_AGENT_BIN;
  if (fromEnv) {
    return path.resolve(fromEnv);
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, BINARY);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    `${BINARY} not found: pass spawn.binaryPath, set SANDBOX_AGENT_BIN, or put ${BINARY} on PATH ` +
      "(after `mvn package` it is daemon/target/sandbox-daemon).",
  );
}

async function freePort(host: string): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, fetcher: typeof fetch, timeoutMs: number, child: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  let lastError = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`sandbox-daemon exited (${child.exitCode ?? child.signalCode}) before answering /v1/health`);
    }
    try {
      const response = await fetcher(`${baseUrl}/v1/health`);
      if (response.ok) {
        return;
      }
      lastError = `status ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sandbox-daemon did not answer /v1/health within ${timeoutMs} ms (${lastError})`);
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
