// A session's conversation: folds the universal events into items (started, deltas,
// completed), nests tool results under their calls, and shows permission and question cards,
// errors and the session's end. Rendering is done per batch, only for what changed.
import { h, clear, pretty } from './dom.js';
import { renderPart } from './parts.js';
import { permissionCard, questionCard, resolvePermission, resolveQuestion } from './hitl.js';

export class Conversation {
  constructor(container, ctx) {
    this.el = container;
    this.ctx = ctx; // { api, sessionId, hitl: { permission(id, reply), answer(id, answers), reject(id) } }
    this.items = new Map();
    this.callItems = new Map(); // call_id → item_id of the tool call
    this.cards = new Map();
    this.pending = new Set();
    this.turnOpen = false;
    this.ended = false;
    clear(this.el);
    this.working = h('div', { class: 'working', hidden: true }, h('span', { class: 'spinner' }), 'agent is working…');
    this.el.append(this.working);
  }

  /** 'waiting' (for you), 'running', 'ended' or 'idle'. */
  get state() {
    if (this.pending.size) return 'waiting';
    if (this.ended) return 'ended';
    return this.turnOpen ? 'running' : 'idle';
  }

  apply(batch) {
    const stick = this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 80;
    const dirty = new Set();
    for (const e of batch) this.fold(e, dirty);
    for (const rec of dirty) this.renderItem(rec);
    this.working.hidden = !(this.turnOpen && !this.pending.size);
    this.el.append(this.working);
    if (stick) this.el.scrollTop = this.el.scrollHeight;
  }

  fold(e, dirty) {
    const d = e.data || {};
    switch (e.type) {
      case 'item.started':
      case 'item.completed': {
        const rec = this.record(d.item.item_id);
        rec.item = d.item;
        if (e.type === 'item.completed') rec.completed = true;
        this.place(rec);
        dirty.add(rec);
        break;
      }
      case 'item.delta': {
        const rec = this.record(d.item_id);
        rec.deltas.push(d.delta);
        this.place(rec);
        dirty.add(rec);
        break;
      }
      case 'turn.started': this.turnOpen = true; break;
      case 'turn.ended':
        this.turnOpen = false;
        if (d.metadata && d.metadata.stop_reason === 'interrupted') this.notice('turn quiet', 'Turn interrupted', '');
        break;
      case 'permission.requested':
        this.pending.add(`p:${d.permission_id}`);
        this.addCard(`p:${d.permission_id}`, permissionCard(d, this.ctx.hitl));
        break;
      case 'permission.resolved':
        this.pending.delete(`p:${d.permission_id}`);
        resolvePermission(this.cards.get(`p:${d.permission_id}`), d);
        break;
      case 'question.requested':
        this.pending.add(`q:${d.question_id}`);
        this.addCard(`q:${d.question_id}`, questionCard(d, this.ctx.hitl));
        break;
      case 'question.resolved':
        this.pending.delete(`q:${d.question_id}`);
        resolveQuestion(this.cards.get(`q:${d.question_id}`), d);
        break;
      case 'error':
        this.notice('error', 'Error', d.message, d.code && `code ${d.code}`,
          d.details != null && h('pre', {}, pretty(d.details)));
        break;
      case 'agent.unparsed':
        this.notice('unparsed quiet', 'Unparsed agent output', `${d.error} (${d.location})`);
        break;
      case 'session.started':
        this.ended = false; // a continued session starts again after its end
        this.notice('lifecycle quiet', 'Session started', metadataLine(d.metadata));
        break;
      case 'session.ended':
        this.ended = true;
        this.turnOpen = false;
        this.pending.clear();
        this.notice('ended', `Session ended: ${d.reason}`, `by ${d.terminated_by}`,
          d.message, d.exit_code != null && `exit code ${d.exit_code}`, stderr(d.stderr));
        break;
      default:
        this.notice('quiet', e.type, '');
    }
  }

  record(itemId) {
    let rec = this.items.get(itemId);
    if (!rec) {
      // results: where tool results nest; made at once, as a result can come in the same batch as its call
      rec = { id: itemId, item: null, deltas: [], completed: false, el: null, results: h('div', { class: 'results' }) };
      this.items.set(itemId, rec);
    }
    return rec;
  }

  /** Creates the item's element once, where it belongs: tool results inside their call. */
  place(rec) {
    if (rec.el) return;
    rec.el = h('div', { 'data-testid': 'item', 'data-item-id': rec.id });
    const item = rec.item;
    if (item && item.kind === 'tool_call') {
      for (const p of item.content || []) if (p.type === 'tool_call' && p.call_id) this.callItems.set(p.call_id, rec.id);
    }
    const parent = item && this.parentOf(item);
    (parent ? parent.results : this.el).append(rec.el);
  }

  parentOf(item) {
    if (item.parent_id && this.items.has(item.parent_id)) return this.items.get(item.parent_id);
    const result = (item.content || []).find((p) => p.type === 'tool_result');
    const callItem = result && this.callItems.get(result.call_id);
    return callItem ? this.items.get(callItem) : null;
  }

  renderItem(rec) {
    const item = rec.item || { kind: 'message', role: 'assistant', content: [], status: 'in_progress' };
    const el = rec.el;
    el.dataset.kind = item.kind;
    el.dataset.role = item.role || 'none';
    el.dataset.status = item.status;
    el.className = `item kind-${item.kind} role-${item.role || 'none'} status-${item.status}`;
    const body = h('div', { class: 'item-body' });
    const content = item.content || [];
    const hasText = content.some((p) => p.type === 'text');
    if (!rec.completed && !hasText && rec.deltas.length) {
      body.append(h('div', { class: 'streaming' }, rec.deltas.join('')));
    }
    for (const part of content) body.append(renderPart(part, this.ctx));
    const children = [label(item), body];
    if (item.kind === 'tool_call') children.push(rec.results);
    el.replaceChildren(...children);
  }

  addCard(key, card) {
    if (this.cards.has(key)) return;
    this.cards.set(key, card);
    this.el.append(card);
  }

  notice(cls, title, ...rest) {
    const parts = rest.filter((r) => r !== undefined && r !== null && r !== false && r !== '');
    const textParts = parts.filter((p) => !(p instanceof Node));
    const nodes = parts.filter((p) => p instanceof Node);
    this.el.append(h('div', { class: `notice ${cls}`, 'data-testid': 'notice', 'data-type': cls.split(' ')[0] },
      h('strong', {}, title), textParts.length ? ` — ${textParts.join(' · ')}` : '', nodes));
  }
}

function label(item) {
  const who = item.kind === 'message' ? (item.role || 'message') : item.kind.replace('_', ' ');
  return h('div', { class: 'item-label' }, who,
    item.status !== 'completed' ? h('span', { class: `badge st-${item.status}` }, item.status.replace('_', ' ')) : '');
}

function metadataLine(meta) {
  if (!meta || typeof meta !== 'object') return '';
  return Object.entries(meta).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k}: ${v}`).join(', ');
}

function stderr(s) {
  if (!s || (!s.head && !s.tail)) return null;
  const text = s.truncated ? `${s.head || ''}\n… (${s.total_lines ?? '?'} lines in all) …\n${s.tail || ''}` : (s.head || '');
  return h('details', { class: 'stderr', open: true }, h('summary', {}, 'stderr'), h('pre', {}, text));
}
