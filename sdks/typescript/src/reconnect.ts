// Follows a session's SSE stream across dropped connections: after a network error, a server
// restart or a proxy closing an idle stream it reconnects with Last-Event-ID = the sequence of
// the last event delivered, so the consumer sees every event exactly once, in order.
import { SandboxAgentError } from "./http.js";
import { readSse } from "./sse.js";
import type { UniversalEvent } from "./types.js";

export type ReconnectOptions = {
  /** Upper bound of the first retry's delay (ms). Default 250. */
  initialDelayMs?: number;
  /** The delay doubles per failed attempt up to this (ms). Default 5000. */
  maxDelayMs?: number;
  /** Give up when no reconnect succeeded for this long (ms). Default 60000. */
  giveUpAfterMs?: number;
  /** false: no reconnecting at all (the v0.1 client's behaviour). Default true. */
  enabled?: boolean;
};

const DEFAULTS = { initialDelayMs: 250, maxDelayMs: 5_000, giveUpAfterMs: 60_000, enabled: true };

/** Opens the stream; `lastEventId` is set on reconnects. */
export type StreamOpener = (lastEventId: number | undefined, signal: AbortSignal | undefined) => Promise<Response>;

/**
 * The events of the streams `open` gives, across reconnections. `closesAtEnd`: the stream was
 * asked to end with the session (`close_at_end=true`), so a clean end is the end; otherwise
 * the daemon never ends it by itself (only a deleted session or a stopping daemon does, and the
 * reconnection then tells which).
 */
export async function* followEvents(
  open: StreamOpener,
  signal: AbortSignal | undefined,
  options: ReconnectOptions = {},
  closesAtEnd = false,
): AsyncGenerator<UniversalEvent, void, void> {
  const settings = { ...DEFAULTS, ...options };
  let lastSequence: number | undefined;
  let failures = 0;
  let outageStart: number | undefined;
  while (!signal?.aborted) {
    try {
      const response = await open(lastSequence, signal);
      failures = 0;
      outageStart = undefined;
      if (!response.body) {
        throw new Error("SSE stream is not readable in this environment.");
      }
      let delivered = false;
      for await (const message of readSse(response.body)) {
        const sequence = message.id ? Number(message.id) : undefined;
        if (sequence !== undefined && lastSequence !== undefined && sequence <= lastSequence) {
          continue; // already delivered
        }
        const event = JSON.parse(message.data) as UniversalEvent;
        lastSequence = sequence ?? event.sequence;
        delivered = true;
        yield event;
      }
      if (!settings.enabled || closesAtEnd) {
        return;
      }
      // A clean end: the daemon ends an event stream only when the session is deleted or the
      // daemon stops (the reconnection then answers 404, or fails until it is back), else
      // something in between did. One that delivered nothing counts towards giving up.
      if (!delivered) {
        outageStart ??= Date.now();
        if (Date.now() - outageStart >= settings.giveUpAfterMs) {
          throw new Error(`the event stream kept closing without events for ${settings.giveUpAfterMs} ms`);
        }
      }
    } catch (error) {
      if (signal?.aborted) {
        return;
      }
      if (!settings.enabled || !retryable(error)) {
        throw error;
      }
      outageStart ??= Date.now();
      if (Date.now() - outageStart >= settings.giveUpAfterMs) {
        throw error;
      }
    }
    const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** failures);
    failures++;
    // Equal jitter: at least half the delay, so clients that lost a daemon together spread out.
    await sleep(ceiling / 2 + Math.random() * (ceiling / 2), signal);
  }
}

/** Network failures and 5xx/408/429 answers are worth a retry; other refusals (401, 404) are final. */
function retryable(error: unknown): boolean {
  if (error instanceof SandboxAgentError) {
    return error.status >= 500 || error.status === 408 || error.status === 429;
  }
  return !(error instanceof SyntaxError);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
