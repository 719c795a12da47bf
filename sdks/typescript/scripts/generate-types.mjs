#!/usr/bin/env node
// Writes src/generated/openapi.ts from the daemon's OpenAPI document: by default the file the
// http module serves as /v1/openapi.json; or a path or http(s) URL given as the argument.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { renderTypes } from "./openapi-to-ts.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const DEFAULT_SOURCE = here("../../../http/src/main/resources/dev/sandboxagent/http/openapi.json");
export const OUTPUT = here("../src/generated/openapi.ts");

async function load(source) {
  if (/^https?:/.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`GET ${source}: ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, "utf8"));
}

const source = process.argv[2] ?? DEFAULT_SOURCE;
await writeFile(OUTPUT, renderTypes(await load(source)));
console.log(`wrote ${OUTPUT} from ${source}`);
