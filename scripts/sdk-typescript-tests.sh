#!/bin/sh
# Builds and tests the TypeScript SDK (sdks/typescript) against the packaged daemon, which
# `mvn verify` (or `mvn package`) must have built first: daemon/target/sandbox-daemon.
# With --check it only checks that Node.js 20+ and npm are there (./run-tests does so first);
# with --build it only builds the SDK (dist/), which inspector-tests' browser test of the SDK loads.
set -e
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "the TypeScript SDK's tests need Node.js 20+ and npm, which are not on PATH: install them (https://nodejs.org, or your distribution's nodejs and npm packages)" >&2
    exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "the TypeScript SDK's tests need Node.js 20+, found $(node --version): install a newer Node.js" >&2
    exit 1
fi
if [ "$1" = "--check" ]; then
    exit 0
fi
if [ "$1" = "--build" ]; then
    cd "$root/sdks/typescript"
    npm ci --no-audit --no-fund
    exec npm run build
fi
export SANDBOX_AGENT_BIN="${SANDBOX_AGENT_BIN:-$root/daemon/target/sandbox-daemon}"
if [ ! -x "$SANDBOX_AGENT_BIN" ]; then
    echo "the packaged daemon $SANDBOX_AGENT_BIN is missing: run 'mvn -B package' (./run-tests does) first" >&2
    exit 1
fi
cd "$root/sdks/typescript"
npm ci --no-audit --no-fund
npm run build
npm test
