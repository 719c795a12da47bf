// The runnable example works against a daemon, as its README says.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { promisify } from "node:util";
import { TOKEN, useDaemon } from "./support/daemon.mjs";

const run = promisify(execFile);
const daemon = useDaemon();

test("examples/quickstart.mjs streams a turn, answers the permission, reads a file", async () => {
  const script = fileURLToPath(new URL("../examples/quickstart.mjs", import.meta.url));
  const { stdout } = await run(process.execPath, [script], {
    env: { ...process.env, SANDBOX_ENDPOINT: daemon.client.baseUrl, SANDBOX_TOKEN: TOKEN },
  });
  assert.match(stdout, /agent asks: write_file; answering once/);
  assert.match(stdout, /agent says: Permission granted once/);
  assert.match(stdout, /file: # notes/);
  assert.match(stdout, /entries: notes.md, notes.txt/);
  assert.match(stdout, new RegExp(`inspector: ${daemon.client.baseUrl}/ui/\\?token=${TOKEN}`));
});
