// One session's live event feed: SSE that reconnects by itself with Last-Event-ID, drops any
// event already seen (by sequence), and hands events over in batches so that a replay of
// thousands of events costs one render, not thousands. The daemon keeps the stream open after
// the session's end (a continuation's events come on it), so the end is shown from the events.

const BATCH_MS = 30;

export class SessionStream {
  constructor(api, sessionId, includeRaw, { onBatch, onStatus, ended }) {
    this.ended = ended; // () → whether session.ended was seen: then the stream is only re-checked now and then
    this.api = api;
    this.sessionId = sessionId;
    this.includeRaw = includeRaw;
    this.onBatch = onBatch;
    this.onStatus = onStatus;
    this.lastSeq = 0;
    this.queue = [];
    this.timer = null;
    this.stopped = false;
    this.abort = new AbortController();
    this.connects = 0;
  }

  async start() {
    let delay = 250;
    while (!this.stopped) {
      try {
        this.onStatus('connecting');
        this.connects++;
        const follow = this.api.follow(this.sessionId, this.lastSeq, this.includeRaw, (e) => this.push(e),
          this.abort.signal);
        this.onStatus('live');
        await follow;
        delay = 250;
      } catch (e) {
        if (this.stopped) return;
        if (e.status === 401 || e.status === 404) {
          this.onStatus('failed', e);
          return;
        }
        delay = Math.min(delay * 2, 3000);
      }
      if (this.stopped) return;
      if (this.ended()) {
        this.onStatus('ended');
        delay = 5000;
      } else {
        this.onStatus('reconnecting');
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  push(event) {
    if (event.sequence <= this.lastSeq) return; // already shown: never twice
    this.lastSeq = event.sequence;
    if (event.type === 'session.ended') this.onStatus('ended');
    else if (event.type === 'session.started' && event.sequence > 1) this.onStatus('live'); // continued
    this.queue.push(event);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  flush() {
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (!this.stopped && batch.length) this.onBatch(batch);
  }

  stop() {
    this.stopped = true;
    this.abort.abort();
    clearTimeout(this.timer);
  }
}
