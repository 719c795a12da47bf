// A server-sent-events reader on web streams only (fetch's ReadableStream and TextDecoder), so
// it runs in Node and browsers alike. It yields complete events only: a frame cut off by a
// dropped connection is never delivered half.

export type SseMessage = {
  /** The frame's `id:` field, when it had one. */
  id?: string;
  event?: string;
  data: string;
};

export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage, void, void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) {
        return; // an unterminated last frame is dropped, as the SSE spec says
      }
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes("\r")) {
        // Held back while it may be the first half of a CRLF split across chunks.
        const keep = buffer.endsWith("\r") ? "\r" : "";
        buffer = buffer.slice(0, buffer.length - keep.length).replace(/\r\n?/g, "\n") + keep;
      }
      let start = 0;
      let end = buffer.indexOf("\n\n");
      while (end !== -1) {
        const message = parseFrame(buffer.slice(start, end));
        if (message) {
          yield message;
        }
        start = end + 2;
        end = buffer.indexOf("\n\n", start);
      }
      buffer = buffer.slice(start);
    }
  } finally {
    reader.releaseLock();
    // Closes the connection when the consumer stops early.
    await body.cancel().catch(() => undefined);
  }
}

function parseFrame(frame: string): SseMessage | undefined {
  let data: string | undefined;
  let id: string | undefined;
  let event: string | undefined;
  for (const line of frame.split("\n")) {
    if (line === "" || line.startsWith(":")) {
      continue; // comments, such as the daemon's keep-alives
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    if (field === "data") {
      data = data === undefined ? value : `${data}\n${value}`;
    } else if (field === "id") {
      id = value;
    } else if (field === "event") {
      event = value;
    }
  }
  return data === undefined ? undefined : { id, event, data };
}
