// Human in the loop: the permission card (once / always / reject) and the question card
// (choices and free text per question, several questions in one card, reject). Answered cards show the outcome and lose their buttons.
import { h, pretty } from './dom.js';

const PERMISSION_OUTCOME = { accept: 'Allowed once', accept_for_session: 'Allowed for this session', reject: 'Rejected' };

export function permissionCard(d, hitl) {
  const meta = d.metadata && typeof d.metadata === 'object' ? d.metadata : {};
  const error = h('div', { class: 'card-error', hidden: true });
  const send = (reply) => async () => {
    buttons.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await hitl.permission(d.permission_id, reply);
    } catch (e) {
      error.hidden = false;
      error.textContent = e.message;
      buttons.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  const buttons = h('div', { class: 'card-actions' },
    h('button', { class: 'btn primary', 'data-testid': 'permission-once', onclick: send('once') }, 'Allow once'),
    h('button', { class: 'btn', 'data-testid': 'permission-always', onclick: send('always') }, 'Always allow'),
    h('button', { class: 'btn danger', 'data-testid': 'permission-reject', onclick: send('reject') }, 'Reject'));
  const details = { ...meta };
  delete details.description;
  return h('div', { class: 'card permission', 'data-testid': 'permission-card', 'data-permission-id': d.permission_id },
    h('div', { class: 'card-title' }, 'Permission requested: ', h('code', {}, d.action)),
    meta.description ? h('div', { class: 'card-text' }, String(meta.description)) : '',
    Object.keys(details).length ? h('pre', { class: 'args' }, pretty(details)) : '',
    buttons, error, h('div', { class: 'outcome', hidden: true }));
}

export function resolvePermission(card, d) {
  if (!card) return;
  card.querySelector('.card-actions')?.remove();
  card.classList.add('resolved', `outcome-${d.status}`);
  const out = card.querySelector('.outcome');
  out.hidden = false;
  out.textContent = PERMISSION_OUTCOME[d.status] || d.status;
}

// The questions a card asks: `questions` (#21: several at once, each with its own options), or the one.
function subQuestions(d) {
  if (Array.isArray(d.questions) && d.questions.length) return d.questions;
  return [{ question: d.prompt, header: null, options: d.options || [], multiple: !!(d.multi_select ?? d.multiSelect) }];
}

// One question's part of the card: its choices and free text; `answer()` is its list.
function questionPart(q, index, several) {
  const chosen = new Set();
  const free = h('input', { class: 'input', type: 'text', placeholder: 'Or type an answer', 'data-testid': 'question-text' });
  const options = (q.options || []).map((opt) => h('button', {
    class: 'chip', 'data-testid': 'question-option', 'aria-pressed': 'false', 'data-value': opt,
    onclick: (ev) => {
      if (!q.multiple) {
        chosen.clear();
        options.forEach((o) => o.setAttribute('aria-pressed', 'false'));
      }
      if (chosen.has(opt)) chosen.delete(opt); else chosen.add(opt);
      ev.currentTarget.setAttribute('aria-pressed', String(chosen.has(opt)));
    },
  }, opt));
  const el = h('div', { class: 'question-part', 'data-testid': 'question-part', 'data-index': String(index) },
    several ? h('div', { class: 'card-text' }, q.header ? h('strong', {}, `${q.header}: `) : '', q.question) : '',
    h('div', { class: 'chips' }, options, q.multiple ? h('span', { class: 'hint' }, 'choose any') : ''),
    h('div', { class: 'inputs' }, free));
  const answer = () => {
    const list = [...chosen];
    if (free.value.trim()) list.push(free.value.trim());
    return list;
  };
  return { el, free, answer };
}

export function questionCard(d, hitl) {
  const asked = subQuestions(d);
  const several = asked.length > 1;
  const parts = asked.map((q, i) => questionPart(q, i, several));
  const error = h('div', { class: 'card-error', hidden: true });
  const act = (fn) => async () => {
    actions.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await fn();
    } catch (e) {
      error.hidden = false;
      error.textContent = e.message;
      actions.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  // one list per question, in order (the API's shape)
  const submit = act(() => {
    const answers = parts.map((p) => p.answer());
    if (answers.some((a) => !a.length)) {
      throw new Error(several ? 'answer every question' : 'choose an option or type an answer');
    }
    return hitl.answer(d.question_id, answers);
  });
  parts.forEach((p) => p.free.addEventListener('keydown', (e) => { if (e.key === 'Enter') submit(); }));
  const actions = h('div', { class: 'card-actions' },
    h('button', { class: 'btn primary', 'data-testid': 'question-submit', onclick: submit }, 'Answer'),
    h('button', { class: 'btn danger', 'data-testid': 'question-reject', onclick: act(() => hitl.reject(d.question_id)) },
      'Reject'));
  return h('div', { class: 'card question', 'data-testid': 'question-card', 'data-question-id': d.question_id },
    h('div', { class: 'card-title' }, several ? `${asked.length} questions` : d.prompt),
    parts.map((p) => p.el), actions, error, h('div', { class: 'outcome', hidden: true }));
}

export function resolveQuestion(card, d) {
  if (!card) return;
  card.querySelector('.card-actions')?.remove();
  card.querySelectorAll('.inputs').forEach((i) => i.remove());
  card.querySelectorAll('.chip').forEach((c) => { c.disabled = true; });
  card.classList.add('resolved', `outcome-${d.status}`);
  const out = card.querySelector('.outcome');
  out.hidden = false;
  out.textContent = d.status === 'answered' ? `Answered: ${d.response ?? ''}` : 'Rejected';
}
