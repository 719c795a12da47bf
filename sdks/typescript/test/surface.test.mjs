// The package's shape: the v0.1 client's methods are all there, and the main entry's static
// import graph reaches no Node built-in (browsers load it; spawn.js only by a dynamic import).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { SandboxAgent, SandboxAgentError, buildInspectorUrl } from "../dist/index.js";

const V01_METHODS = [
  "getHealth", "listAgents", "installAgent", "getAgentModes", "getAgentModels", "createSession",
  "listSessions", "postMessage", "getEvents", "getEventsSse", "postMessageStream", "streamEvents",
  "streamTurn", "replyQuestion", "rejectQuestion", "replyPermission", "terminateSession",
  "listFsEntries", "readFsFile", "writeFsFile", "deleteFsEntry", "mkdirFs", "moveFs", "statFs",
  "uploadFsBatch", "dispose",
];
const OURS = ["getSession", "deleteSession", "interruptSession", "session"];

test("every v0.1 method and ours is on SandboxAgent", () => {
  for (const name of [...V01_METHODS, ...OURS]) {
    assert.equal(typeof SandboxAgent.prototype[name], "function", name);
  }
  assert.equal(typeof SandboxAgent.connect, "function");
  assert.equal(typeof SandboxAgent.start, "function");
  assert.equal(typeof buildInspectorUrl, "function");
  assert.ok(new SandboxAgentError(500, undefined, new Response(null, { status: 500 })) instanceof Error);
});

test("the main entry's static imports reach no node: module", () => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(fileURLToPath(new URL(`../dist/${file}`, import.meta.url)), "utf8");
    assert.doesNotMatch(source, /^\s*import\s[^;]*from\s*["']node:/m, `${file} imports a Node built-in`);
    for (const [, target] of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']\.\/([^"']+)["']/gm)) {
      visit(target);
    }
  };
  visit("index.js");
  assert.ok(seen.has("client.js") && seen.has("reconnect.js") && seen.has("sse.js"), [...seen].join(","));
  assert.ok(!seen.has("spawn.js"), "spawn.js is imported statically");
});
