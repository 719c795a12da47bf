// The daemon's HTTP API as the page uses it: JSON calls with the bearer token, problem+json
// errors turned into ApiError, and SSE read with fetch (EventSource cannot send headers).

export class ApiError extends Error {
  constructor(status, title, detail, type) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type;
  }
}

export class Api {
  /** endpoint: base URL without trailing slash; headers: extra request headers (object). */
  constructor(endpoint, token, headers = {}) {
    this.endpoint = endpoint.replace(/\/+$/, '');
    this.token = token;
    this.extra = headers;
  }

  headers(more = {}) {
    const h = { ...this.extra, ...more };
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    return h;
  }

  url(path, query = {}) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    return `${this.endpoint}${path}${s ? `?${s}` : ''}`;
  }

  async request(method, path, { query, json, body, contentType, signal, headers: more } = {}) {
    const headers = this.headers(more);
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    else if (contentType) headers['Content-Type'] = contentType;
    let res;
    try {
      res = await fetch(this.url(path, query), {
        method, headers, signal, body: json !== undefined ? JSON.stringify(json) : body,
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, `Cannot reach ${this.endpoint}`,
        'the daemon does not answer (is it running, is the address right, does it allow this origin with --cors-allow-origin?)');
    }
    if (!res.ok) throw await problem(res);
    return res;
  }

  async json(method, path, opts) {
    const res = await this.request(method, path, opts);
    return res.status === 204 ? null : res.json();
  }

  get(path, query) { return this.json('GET', path, { query }); }
  post(path, json, query) { return this.json('POST', path, { json, query }); }
  del(path, query) { return this.json('DELETE', path, { query }); }

  /**
   * Follows a session's events over SSE from after `lastSeq`, calling onEvent(event) for each;
   * resolves when the server ends the stream, rejects on a network error or a refused request.
   */
  async follow(sessionId, lastSeq, includeRaw, onEvent, signal) {
    const query = { include_raw: includeRaw ? 'true' : undefined };
    // resumes exactly after the last event shown: the daemon sends only later sequences
    const headers = lastSeq > 0 ? { 'Last-Event-ID': String(lastSeq) } : {};
    if (lastSeq <= 0) query.offset = 0;
    const res = await this.request('GET', `/v1/sessions/${encodeURIComponent(sessionId)}/events/sse`,
      { query, signal, headers });
    return readSse(res, onEvent);
  }
}

async function problem(res) {
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  const title = (body && body.title) || `HTTP ${res.status}`;
  return new ApiError(res.status, title, body && body.detail, body && body.type);
}

/** Parses a text/event-stream body; comments (keep-alives) are skipped. */
async function readSse(res, onEvent) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) onEvent(JSON.parse(data));
    }
  }
}
