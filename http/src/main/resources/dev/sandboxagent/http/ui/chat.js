// The open session: its live stream feeding the conversation and the events pane, the
// composer (Enter sends, Shift+Enter is a new line) and interrupt / terminate / delete.
import { $ } from './dom.js';
import { Conversation } from './conversation.js';
import { EventsPane } from './events-pane.js';
import { SessionStream } from './session-stream.js';

const STREAM_LABEL = {
  connecting: 'connecting…', live: '● live', reconnecting: 'reconnecting…', failed: 'stream failed', ended: '',
};

export class ChatPane {
  constructor(root, api, { onChange, files }) {
    this.api = api;
    this.onChange = onChange;
    this.files = files;
    this.sessionId = null;
    this.conv = null;
    this.stream = null;
    this.el = $('[data-testid="conversation"]', root);
    this.title = $('.chat-title .title-text', root);
    this.badge = $('.chat-title .state', root);
    this.streamState = $('.chat-title .stream-state', root);
    this.actions = $('.chat-actions', root);
    this.composer = $('.composer', root);
    this.input = $('[data-testid="message-input"]', root);
    this.toastEl = $('[data-testid="toast"]', root);
    this.rawToggle = $('[data-testid="include-raw"]', root);
    this.events = new EventsPane($('[data-testid="events-pane"]', root));
    this.rawToggle.addEventListener('change', () => this.sessionId && this.open(this.sessionId));
    this.composer.addEventListener('submit', (ev) => { ev.preventDefault(); this.send(); });
    this.input.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        this.send();
      }
    });
    const post = (what) => () => this.control(what);
    $('[data-testid="interrupt"]', root).addEventListener('click', post('interrupt'));
    $('[data-testid="terminate"]', root).addEventListener('click', post('terminate'));
    this.deleteButton = $('[data-testid="delete"]', root);
    this.deleteButton.addEventListener('click', () => this.remove());
    // leaving the page ends the stream at once, so it holds no connection in the back/forward cache
    window.addEventListener('pagehide', () => this.stream && this.stream.stop());
  }

  stateOf(id) {
    return id === this.sessionId && this.conv ? this.conv.state : null;
  }

  path(suffix = '') {
    return `/v1/sessions/${encodeURIComponent(this.sessionId)}${suffix}`;
  }

  open(id) {
    if (this.stream) this.stream.stop();
    this.sessionId = id;
    this.title.textContent = id;
    this.title.classList.remove('muted');
    this.actions.hidden = false;
    this.composer.hidden = false;
    this.deleteButton.textContent = 'Delete';
    const hitl = {
      permission: (pid, reply) => this.api.post(this.path(`/permissions/${encodeURIComponent(pid)}/reply`), { reply }),
      answer: (qid, answers) => this.api.post(this.path(`/questions/${encodeURIComponent(qid)}/reply`), { answers }),
      reject: (qid) => this.api.post(this.path(`/questions/${encodeURIComponent(qid)}/reject`)),
    };
    this.conv = new Conversation(this.el, { api: this.api, sessionId: id, hitl });
    this.events.reset();
    this.showState();
    const stream = new SessionStream(this.api, id, this.rawToggle.checked, {
      onBatch: (batch) => {
        this.conv.apply(batch);
        this.events.add(batch);
        this.showState();
      },
      ended: () => this.conv.ended,
      onStatus: (s, e) => {
        this.streamState.textContent = e ? `${STREAM_LABEL[s]}: ${e.message}` : STREAM_LABEL[s];
        this.streamState.dataset.state = s;
      },
    });
    this.stream = stream;
    stream.start();
    this.input.focus();
  }

  showState() {
    const s = this.conv.state;
    this.badge.hidden = false;
    this.badge.className = `badge state state-${s}`;
    this.badge.textContent = s === 'waiting' ? 'waiting for you' : s;
    this.badge.dataset.testid = 'session-state';
  }

  async send() {
    const text = this.input.value;
    if (!text.trim() || !this.sessionId) return;
    try {
      await this.api.post(this.path('/messages'), { message: text });
      this.input.value = '';
    } catch (e) {
      this.toast(e.message);
    }
  }

  async control(what) {
    try {
      await this.api.post(this.path(`/${what}`));
      this.toast(`${what} sent`);
      this.onChange();
    } catch (e) {
      this.toast(e.message);
    }
  }

  /** Two clicks: the first arms the button, so a stray click deletes nothing. */
  async remove() {
    if (this.deleteButton.textContent !== 'Really delete?') {
      this.deleteButton.textContent = 'Really delete?';
      return;
    }
    try {
      await this.api.del(this.path());
      this.stream.stop();
      this.toast(`deleted ${this.sessionId}`);
      this.sessionId = null;
      this.actions.hidden = true;
      this.composer.hidden = true;
      this.title.textContent = 'No session selected';
      this.el.replaceChildren();
      this.events.reset();
      this.onChange();
    } catch (e) {
      this.toast(e.message);
    }
  }

  toast(text) {
    this.toastEl.textContent = text;
    this.toastEl.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { this.toastEl.hidden = true; }, 4000);
  }
}
