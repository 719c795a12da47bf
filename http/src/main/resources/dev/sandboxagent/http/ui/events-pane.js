// Every event of the session as a row (sequence, type, gist), filterable by type; the selected
// row's JSON below with a copy button. Rows are virtualised: only the visible ones exist, so a
// session of 10,000+ events scrolls freely.
import { h, clear, copyText } from './dom.js';

const ROW = 26;
const SPARE = 15;

export class EventsPane {
  constructor(root) {
    this.root = root;
    this.events = [];
    this.shown = [];
    this.filter = '';
    this.selected = null;
    this.list = root.querySelector('.ev-list');
    this.spacer = h('div', { class: 'ev-spacer' });
    this.rows = h('div', { class: 'ev-rows' });
    clear(this.list).append(this.spacer, this.rows);
    this.count = root.querySelector('.ev-count');
    this.detail = root.querySelector('.ev-detail pre');
    this.select = root.querySelector('[data-testid="events-filter"]');
    this.select.addEventListener('change', () => { this.filter = this.select.value; this.refilter(); });
    this.list.addEventListener('scroll', () => this.draw());
    root.querySelector('[data-testid="event-copy"]').addEventListener('click', async (ev) => {
      const ok = await copyText(this.detail.textContent);
      ev.currentTarget.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(() => { ev.target.textContent = 'Copy'; }, 1200);
    });
    this.types = new Set();
  }

  reset() {
    this.events = [];
    this.shown = [];
    this.types = new Set();
    this.selected = null;
    this.detail.textContent = 'Select an event to see its JSON.';
    clear(this.select).append(h('option', { value: '' }, 'all types'));
    this.filter = '';
    this.draw();
  }

  add(batch) {
    const stick = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - ROW * 2;
    for (const e of batch) {
      this.events.push(e);
      if (!this.types.has(e.type)) {
        this.types.add(e.type);
        this.select.append(h('option', { value: e.type }, e.type));
      }
      if (!this.filter || e.type === this.filter) this.shown.push(e);
    }
    this.draw();
    if (stick) this.list.scrollTop = this.list.scrollHeight;
  }

  refilter() {
    this.shown = this.filter ? this.events.filter((e) => e.type === this.filter) : this.events.slice();
    this.list.scrollTop = 0;
    this.draw();
  }

  draw() {
    this.spacer.style.height = `${this.shown.length * ROW}px`;
    this.count.textContent = this.filter ? `${this.shown.length} of ${this.events.length} events`
      : `${this.events.length} events`;
    const first = Math.max(0, Math.floor(this.list.scrollTop / ROW) - SPARE);
    const last = Math.min(this.shown.length, Math.ceil((this.list.scrollTop + (this.list.clientHeight || 600)) / ROW) + SPARE);
    this.rows.style.transform = `translateY(${first * ROW}px)`;
    const rows = [];
    for (let i = first; i < last; i++) rows.push(this.row(this.shown[i]));
    this.rows.replaceChildren(...rows);
  }

  row(e) {
    return h('div', {
      class: `ev-row${this.selected === e ? ' selected' : ''} t-${e.type.replace('.', '-')}`,
      'data-testid': 'event-row', 'data-sequence': e.sequence, 'data-type': e.type,
      onclick: () => { this.selected = e; this.detail.textContent = JSON.stringify(e, null, 2); this.draw(); },
    }, h('span', { class: 'ev-seq' }, e.sequence), h('span', { class: 'ev-type' }, e.type),
    h('span', { class: 'ev-gist' }, gist(e)));
  }
}

function gist(e) {
  const d = e.data || {};
  if (d.delta !== undefined) return JSON.stringify(d.delta);
  if (d.item) return `${d.item.kind}${d.item.role ? `/${d.item.role}` : ''} ${d.item.status}`;
  if (d.message) return d.message;
  if (d.action) return `${d.action} ${d.status}`;
  if (d.prompt) return `${d.prompt} ${d.status}`;
  if (d.reason) return d.reason;
  return d.phase || '';
}
