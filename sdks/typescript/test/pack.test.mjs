// `npm pack` gives a tarball that installs and imports in a fresh directory, and the v0.1-era
// example script, compiled there against the installed package, runs against the daemon.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { promisify } from "node:util";
import { TOKEN, tempDir, useDaemon, useTempDir } from "./support/daemon.mjs";

const run = promisify(execFile);
const pkg = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const daemon = useDaemon();
const workDir = useTempDir("sdk-ts-pack-");

test("the packed tarball installs and imports in a fresh project; the v0.1 script runs unchanged", async () => {
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", workDir.path], { cwd: pkg("") });
  const [{ filename, files }] = JSON.parse(stdout);
  assert.ok(files.some((f) => f.path === "dist/index.js"));
  assert.ok(files.some((f) => f.path === "dist/index.d.ts"));
  assert.ok(!files.some((f) => f.path.startsWith("src/") || f.path.startsWith("test/")));

  const app = join(workDir.path, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  await run(npm, ["install", "--offline", "--no-audit", "--no-fund", join(workDir.path, filename)], { cwd: app });

  const probe = `import * as sdk from "sandbox-agent-jvm";
    console.log(JSON.stringify(Object.keys(sdk).sort()));`;
  const imported = await run(process.execPath, ["--input-type=module", "-e", probe], { cwd: app });
  assert.deepEqual(JSON.parse(imported.stdout), ["SandboxAgent", "SandboxAgentError", "SessionHandle", "buildInspectorUrl", "subQuestions"]);

  // Compile the example there, against the installed package (and this checkout's @types/node).
  copyFileSync(pkg("examples/v01-script.ts"), join(app, "v01-script.ts"));
  mkdirSync(join(app, "node_modules", "@types"), { recursive: true });
  symlinkSync(pkg("node_modules/@types/node"), join(app, "node_modules", "@types", "node"));
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: ["node"], lib: ["ES2022", "DOM"] },
      files: ["v01-script.ts"],
    }),
  );
  await run(process.execPath, [pkg("node_modules/typescript/bin/tsc"), "-p", app]);
  const script = await run(process.execPath, ["v01-script.js"], {
    cwd: app,
    env: { ...process.env, SANDBOX_ENDPOINT: daemon.client.baseUrl, SANDBOX_TOKEN: TOKEN },
  });
  assert.match(script.stdout, /permission asked: write_file/);
  assert.match(script.stdout, /Permission granted once/);
  assert.match(script.stdout, /read back: written by the v0.1 script/);
  assert.match(script.stdout, /expected error: 404 urn:sandbox-agent:error:session_not_found/);
});
