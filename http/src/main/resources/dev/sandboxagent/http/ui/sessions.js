// The sessions list (polled: agent, state, event count, last activity) and the create form.
// A session's state comes from the tail of its log: an open request means it waits for you.
import { h, clear, ago, $ } from './dom.js';

const POLL_MS = 1500;
const TAIL = 40;

export class SessionsPane {
  constructor(root, api, { onOpen, currentState }) {
    this.root = root;
    this.api = api;
    this.onOpen = onOpen;
    this.currentState = currentState; // (id) → state from the open conversation, or null
    this.list = $('[data-testid="session-list"]', root);
    this.states = new Map(); // id → { count, state }
    this.selected = null;
    this.form = new CreateForm(root, api, (id) => { this.refresh(); this.onOpen(id); });
  }

  start() {
    const tick = async () => {
      await this.refresh();
      this.timer = setTimeout(tick, POLL_MS); // never two refreshes at once
    };
    tick();
  }

  stop() { clearTimeout(this.timer); }

  async refresh() {
    let sessions;
    try {
      ({ sessions } = await this.api.get('/v1/sessions'));
    } catch {
      return; // the connection indicator tells; keep the last list
    }
    sessions.sort((a, b) => b.updatedAt - a.updatedAt);
    // one at a time: the browser has few connections per daemon, and the live stream holds one
    for (const s of sessions) await this.stateOf(s);
    const rows = sessions.map((s) => this.row(s));
    clear(this.list).append(...(rows.length ? rows : [h('div', { class: 'empty muted' }, 'No sessions yet.')]));
  }

  async stateOf(s) {
    const live = this.currentState(s.sessionId);
    if (live) return this.states.set(s.sessionId, { count: s.eventCount, state: live });
    const known = this.states.get(s.sessionId);
    if (s.ended) return this.states.set(s.sessionId, { count: s.eventCount, state: 'ended' });
    if (known && known.count === s.eventCount) return null;
    try {
      const { events } = await this.api.get(`/v1/sessions/${encodeURIComponent(s.sessionId)}/events`,
        { offset: Math.max(0, s.eventCount - TAIL), limit: TAIL });
      this.states.set(s.sessionId, { count: s.eventCount, state: tailState(events) });
    } catch {
      this.states.set(s.sessionId, { count: s.eventCount, state: 'unknown' });
    }
    return null;
  }

  row(s) {
    const state = (this.states.get(s.sessionId) || {}).state || 'idle';
    return h('button', {
      class: `session-row${s.sessionId === this.selected ? ' selected' : ''}`,
      'data-testid': `session-row-${s.sessionId}`, 'data-state': state,
      onclick: () => this.onOpen(s.sessionId),
    },
    h('div', { class: 'sr-top' }, h('span', { class: 'sr-id' }, s.title || s.sessionId),
      h('span', { class: `badge state-${state}` }, STATE_LABEL[state] || state)),
    h('div', { class: 'sr-meta muted' }, `${s.agent}${s.model ? ` · ${s.model}` : ''} · ${s.eventCount} events · ${ago(s.updatedAt)}`));
  }
}

const STATE_LABEL = { waiting: 'waiting for you', running: 'running', ended: 'ended', idle: 'idle', unknown: '?' };

/** The state a log's tail shows: an unanswered request, an open turn, or neither. */
export function tailState(events) {
  const open = new Set();
  let turn = false;
  let ended = false;
  for (const e of events) {
    const d = e.data || {};
    if (e.type === 'permission.requested') open.add(`p${d.permission_id}`);
    else if (e.type === 'permission.resolved') open.delete(`p${d.permission_id}`);
    else if (e.type === 'question.requested') open.add(`q${d.question_id}`);
    else if (e.type === 'question.resolved') open.delete(`q${d.question_id}`);
    else if (e.type === 'turn.started') turn = true;
    else if (e.type === 'turn.ended') turn = false;
    else if (e.type === 'session.started') ended = false; // continued after its end
    else if (e.type === 'session.ended') { ended = true; turn = false; open.clear(); }
  }
  if (ended) return 'ended';
  return open.size ? 'waiting' : turn ? 'running' : 'idle';
}

class CreateForm {
  constructor(root, api, onCreated) {
    this.api = api;
    this.form = $('[data-testid="create-form"]', root);
    this.error = $('[data-testid="create-error"]', root);
    this.agent = $('[data-testid="session-agent"]', root);
    this.mode = $('[data-testid="session-agent-mode"]', root);
    this.model = $('[data-testid="session-model"]', root);
    this.variant = $('[data-testid="session-variant"]', root);
    this.models = [];
    $('[data-testid="new-session"]', root).addEventListener('click', () => this.open());
    $('[data-testid="create-cancel"]', root).addEventListener('click', () => { this.form.hidden = true; });
    this.agent.addEventListener('change', () => this.loadAgentOptions());
    this.model.addEventListener('change', () => this.fillVariants());
    this.form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      await this.create(onCreated);
    });
  }

  async open() {
    this.form.hidden = false;
    this.error.hidden = true;
    try {
      const { agents } = await this.api.get('/v1/agents');
      const previous = this.agent.value;
      clear(this.agent).append(...agents.map((a) => h('option', { value: a.id },
        `${a.id}${a.installed ? '' : ' (installs on first use)'}`)));
      this.agent.value = agents.some((a) => a.id === previous) ? previous
        : (agents.find((a) => a.id === 'mock') || agents[0] || {}).id || '';
      await this.loadAgentOptions();
    } catch (e) {
      this.showError(e);
    }
  }

  async loadAgentOptions() {
    const id = encodeURIComponent(this.agent.value);
    const [modes, models] = await Promise.all([
      this.api.get(`/v1/agents/${id}/modes`).catch(() => ({ modes: [] })),
      this.api.get(`/v1/agents/${id}/models`).catch(() => ({ models: [] }))]);
    clear(this.mode).append(h('option', { value: '' }, 'agent default'),
      ...modes.modes.map((m) => h('option', { value: m.id }, m.name || m.id)));
    this.models = models.models || [];
    clear(this.model).append(h('option', { value: '' }, models.defaultModel ? `default (${models.defaultModel})` : 'agent default'),
      ...this.models.map((m) => h('option', { value: m.id }, m.name ? `${m.name} (${m.id})` : m.id)));
    this.fillVariants();
  }

  fillVariants() {
    const m = this.models.find((x) => x.id === this.model.value);
    const variants = (m && m.variants) || [];
    clear(this.variant).append(h('option', { value: '' }, 'default'), ...variants.map((v) => h('option', { value: v }, v)));
  }

  async create(onCreated) {
    const f = new FormData(this.form);
    const id = (f.get('id') || '').trim() || `s-${Date.now().toString(36)}`;
    const body = { agent: f.get('agent') };
    for (const k of ['agentMode', 'permissionMode', 'model', 'variant', 'directory']) {
      const v = (f.get(k) || '').trim();
      if (v) body[k] = v;
    }
    const button = $('[data-testid="session-create"]', this.form);
    button.disabled = true;
    try {
      await this.api.post(`/v1/sessions/${encodeURIComponent(id)}`, body);
      this.form.hidden = true;
      this.form.elements.id.value = '';
      onCreated(id);
    } catch (e) {
      this.showError(e);
    } finally {
      button.disabled = false;
    }
  }

  showError(e) {
    this.error.hidden = false;
    this.error.textContent = e.message;
  }
}
