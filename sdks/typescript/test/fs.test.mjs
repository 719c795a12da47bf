// The /v1/fs methods: byte-exact round trips, tar uploads, and their error statuses.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { sessionId, tempDir, useDaemon, useTempDir } from "./support/daemon.mjs";
import { tar } from "./support/tar.mjs";

const daemon = useDaemon();
const rootDir = useTempDir("sdk-ts-fs-");

const allBytes = Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256);

test("writeFsFile and readFsFile round-trip every byte value; statFs and listFsEntries see it", async () => {
  const path = join(rootDir.path, "bytes", "all.bin");
  const written = await daemon.client.writeFsFile({ path }, allBytes);
  assert.deepEqual(written, { path, bytesWritten: allBytes.length });
  assert.deepEqual(await daemon.client.readFsFile({ path }), allBytes);
  assert.deepEqual(readFileSync(path), Buffer.from(allBytes));
  const stat = await daemon.client.statFs({ path });
  assert.equal(stat.entryType, "file");
  assert.equal(stat.size, allBytes.length);
  const entries = await daemon.client.listFsEntries({ path: join(rootDir.path, "bytes") });
  assert.deepEqual(entries.map((e) => [e.name, e.entryType]), [["all.bin", "file"]]);
});

test("a streamed body and a Blob are written too", async () => {
  const streamed = join(rootDir.path, "streamed.txt");
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("hello "));
      controller.enqueue(new TextEncoder().encode("stream"));
      controller.close();
    },
  });
  await daemon.client.writeFsFile({ path: streamed }, body);
  assert.equal(readFileSync(streamed, "utf8"), "hello stream");
  await daemon.client.writeFsFile({ path: join(rootDir.path, "blob.txt") }, new Blob(["blob"]));
  assert.equal(readFileSync(join(rootDir.path, "blob.txt"), "utf8"), "blob");
});

test("mkdirFs, moveFs and deleteFsEntry; relative paths resolve against the session's directory", async () => {
  const dir = tempDir("sdk-ts-session-");
  const id = sessionId("fs");
  await daemon.client.createSession(id, { agent: "mock", directory: dir });
  assert.deepEqual(await daemon.client.mkdirFs({ path: "a/b", session_id: id }), { path: join(dir, "a/b") });
  await daemon.client.writeFsFile({ path: "a/b/x.txt", sessionId: id }, "x");
  const moved = await daemon.client.moveFs({ from: "a/b/x.txt", to: "a/y.txt" }, { session_id: id });
  assert.deepEqual(moved, { from: join(dir, "a/b/x.txt"), to: join(dir, "a/y.txt") });
  assert.equal(readFileSync(join(dir, "a/y.txt"), "utf8"), "x");
  await daemon.client.writeFsFile({ path: "a/z.txt", session_id: id }, "z");
  const conflict = await daemon.client.moveFs({ from: "a/y.txt", to: "a/z.txt" }, { session_id: id }).catch((e) => e);
  assert.equal(conflict.status, 409);
  await daemon.client.moveFs({ from: "a/y.txt", to: "a/z.txt", overwrite: true }, { session_id: id });
  assert.equal(readFileSync(join(dir, "a/z.txt"), "utf8"), "x");
  const full = await daemon.client.deleteFsEntry({ path: "a", session_id: id }).catch((e) => e);
  assert.equal(full.status, 409);
  await daemon.client.deleteFsEntry({ path: "a", session_id: id, recursive: true });
  assert.equal(existsSync(join(dir, "a")), false);
  rmSync(dir, { recursive: true, force: true });
});

test("uploadFsBatch extracts tar and tar.gz archives", async () => {
  const target = join(rootDir.path, "upload");
  const plain = await daemon.client.uploadFsBatch(tar({ "README.md": "# hi\n", "src/main.ts": "export {};\n" }), { path: target });
  assert.deepEqual(plain, { paths: [join(target, "README.md"), join(target, "src/main.ts")], truncated: false });
  assert.equal(readFileSync(join(target, "src/main.ts"), "utf8"), "export {};\n");
  await daemon.client.uploadFsBatch(gzipSync(tar({ "bin.dat": Buffer.from(allBytes) })), { path: target });
  assert.deepEqual(readFileSync(join(target, "bin.dat")), Buffer.from(allBytes));
});

test("error statuses are SandboxAgentErrors with their problem", async () => {
  const missing = await daemon.client.readFsFile({ path: join(rootDir.path, "nope.txt") }).catch((e) => e);
  assert.equal(missing.status, 404);
  assert.match(missing.problem.type, /^urn:sandbox-agent:error:/);
  assert.equal((await daemon.client.statFs({ path: "../escape" }).catch((e) => e)).status, 400);
  assert.equal((await daemon.client.readFsFile({ path: rootDir.path }).catch((e) => e)).status, 400);
  assert.equal((await daemon.client.listFsEntries({ path: "x", session_id: "no-such-session" }).catch((e) => e)).status, 404);
  const evil = await daemon.client.uploadFsBatch(tar({ "../evil.txt": "x" }), { path: join(rootDir.path, "evil") }).catch((e) => e);
  assert.equal(evil.status, 400);
  assert.equal(existsSync(join(rootDir.path, "evil.txt")), false);
  assert.equal((await daemon.client.mkdirFs({ path: join(rootDir.path, "bytes", "all.bin") }).catch((e) => e)).status, 409);
});
