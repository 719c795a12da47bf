// The checked-in types are what the generator makes of the document the daemon serves, and
// UniversalEvent narrows on `type` (a typed example compiles, a misuse does not).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { promisify } from "node:util";
import { renderTypes } from "../scripts/openapi-to-ts.mjs";
import { useDaemon } from "./support/daemon.mjs";

const run = promisify(execFile);
const pkg = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const tsc = pkg("node_modules/typescript/bin/tsc");

const daemon = useDaemon();

test("src/generated/openapi.ts matches GET /v1/openapi.json of the packaged daemon", async () => {
  const response = await fetch(`${daemon.client.baseUrl}/v1/openapi.json`);
  assert.equal(response.status, 200);
  const expected = renderTypes(await response.json());
  const actual = readFileSync(pkg("src/generated/openapi.ts"), "utf8");
  assert.ok(
    actual === expected,
    "src/generated/openapi.ts is stale: run `npm run generate` in sdks/typescript and commit the result",
  );
});

test("the generator fails loudly when an event type has no data schema", () => {
  const doc = JSON.parse(readFileSync(pkg("../../http/src/main/resources/dev/sandboxagent/http/openapi.json"), "utf8"));
  doc.components.schemas.UniversalEventType.enum.push("brand.new");
  assert.throws(() => renderTypes(doc), /no data schema for 'brand.new'/);
});

test("a typed example and the v0.1 example script type-check against the main entry", async () => {
  await run(process.execPath, [tsc, "-p", pkg("test/typecheck/tsconfig.json")]);
});

test("reading data without narrowing on type does not type-check", async () => {
  const failure = await run(process.execPath, [tsc, "-p", pkg("test/typecheck/tsconfig.misuse.json")]).catch((e) => e);
  assert.ok(failure instanceof Error, "the misuse compiled");
  assert.match(failure.stdout, /union-misuse\.ts\(5,\d+\): error TS2339: Property 'permission_id' does not exist/);
});
