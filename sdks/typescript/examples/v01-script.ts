// A script written for the sandbox-agent v0.1 client; only the import names our package.
// Connect, create a session, stream a turn and answer its permission request, read a file.
//   SANDBOX_ENDPOINT=http://127.0.0.1:2468 SANDBOX_TOKEN=... node v01-script.js
import { SandboxAgent, SandboxAgentError, type UniversalEvent } from "sandbox-agent-jvm";

const baseUrl = process.env.SANDBOX_ENDPOINT ?? "http://127.0.0.1:2468";
const client = await SandboxAgent.connect({ baseUrl, token: process.env.SANDBOX_TOKEN });

const sessionId = `v01-${Date.now()}`;
await client.createSession(sessionId, { agent: "mock", permissionMode: "default" });

const seen: UniversalEvent[] = [];
for await (const event of client.streamTurn(sessionId, { message: "permission" }, { includeRaw: false })) {
  seen.push(event);
  if (event.type === "permission.requested") {
    console.log(`permission asked: ${event.data.action}`);
    await client.replyPermission(sessionId, event.data.permission_id, { reply: "once" });
  }
  if (event.type === "item.delta") {
    process.stdout.write(event.data.delta);
  }
}
process.stdout.write("\n");

const path = `/tmp/${sessionId}.txt`;
await client.writeFsFile({ path }, "written by the v0.1 script\n");
const bytes = await client.readFsFile({ path });
console.log(`read back: ${new TextDecoder().decode(bytes).trim()}`);
await client.deleteFsEntry({ path });

const page = await client.getEvents(sessionId, { offset: 0, limit: 200, includeRaw: false });
console.log(`${page.events.length} events in the log, ${seen.length} streamed`);

try {
  await client.postMessage("missing-session", { message: "Hi" });
} catch (error) {
  if (error instanceof SandboxAgentError) {
    console.log(`expected error: ${error.status} ${error.problem?.type}`);
  }
}
await client.terminateSession(sessionId);
