#!/usr/bin/env node
// Starts a daemon (or connects to $SANDBOX_ENDPOINT), streams a mock turn that asks for
// permission, answers it, and reads back a file written through the API.
//   npm run build && node examples/quickstart.mjs
//   SANDBOX_AGENT_BIN=../../daemon/target/sandbox-daemon node examples/quickstart.mjs
//   SANDBOX_ENDPOINT=http://127.0.0.1:2468 SANDBOX_TOKEN=... node examples/quickstart.mjs
import { SandboxAgent, buildInspectorUrl } from "sandbox-agent-jvm";

const client = process.env.SANDBOX_ENDPOINT
  ? await SandboxAgent.connect({ baseUrl: process.env.SANDBOX_ENDPOINT, token: process.env.SANDBOX_TOKEN })
  : await SandboxAgent.start({ spawn: { log: "silent" } });

try {
  console.log("daemon:", client.baseUrl, (await client.getHealth()).status);
  const id = `quickstart-${Date.now()}`;
  // A fresh working directory for the session, made on the daemon's machine.
  const { path: directory } = await client.mkdirFs({ path: `/tmp/${id}` });
  await client.createSession(id, { agent: "mock", directory });
  const session = client.session(id);

  for await (const event of session.prompt("permission")) {
    if (event.type === "permission.requested") {
      console.log(`agent asks: ${event.data.action}; answering once`);
      await client.replyPermission(id, event.data.permission_id, { reply: "once" });
    } else if (event.type === "item.delta") {
      console.log(`agent says: ${event.data.delta}`);
    } else if (event.type === "turn.ended") {
      console.log(`turn ended at event ${event.sequence}`);
    }
  }

  // Relative paths resolve against the session's directory.
  await client.writeFsFile({ path: "notes.md", sessionId: id }, "# notes\n");
  console.log("file:", new TextDecoder().decode(await client.readFsFile({ path: "notes.md", sessionId: id })).trim());
  console.log("entries:", (await client.listFsEntries({ sessionId: id })).map((e) => e.name).join(", "));
  await client.deleteSession(id);
  await client.deleteFsEntry({ path: directory, recursive: true });
  console.log("inspector:", buildInspectorUrl({ baseUrl: client.baseUrl, token: process.env.SANDBOX_TOKEN }));
} finally {
  await client.dispose();
}
