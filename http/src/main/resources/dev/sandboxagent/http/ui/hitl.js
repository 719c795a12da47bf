// Human in the loop: the permission card (once / always / reject) and the question card
// (choices, free text, reject). Answered cards show the outcome and lose their buttons.
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

export function questionCard(d, hitl) {
  const multi = !!(d.multi_select ?? d.multiSelect);
  const chosen = new Set();
  const error = h('div', { class: 'card-error', hidden: true });
  const free = h('input', { class: 'input', type: 'text', placeholder: 'Or type an answer', 'data-testid': 'question-text' });
  const options = (d.options || []).map((opt) => h('button', {
    class: 'chip', 'data-testid': 'question-option', 'aria-pressed': 'false', 'data-value': opt,
    onclick: (ev) => {
      const b = ev.currentTarget;
      if (!multi) {
        chosen.clear();
        options.forEach((o) => o.setAttribute('aria-pressed', 'false'));
      }
      if (chosen.has(opt)) chosen.delete(opt); else chosen.add(opt);
      b.setAttribute('aria-pressed', String(chosen.has(opt)));
    },
  }, opt));
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
  const submit = act(() => {
    const answer = [...chosen];
    if (free.value.trim()) answer.push(free.value.trim());
    if (!answer.length) throw new Error('choose an option or type an answer');
    return hitl.answer(d.question_id, [answer]);
  });
  free.addEventListener('keydown', (e) => { if (e.key === 'Enter') submit(); });
  const actions = h('div', { class: 'card-actions' },
    h('button', { class: 'btn primary', 'data-testid': 'question-submit', onclick: submit }, 'Answer'),
    h('button', { class: 'btn danger', 'data-testid': 'question-reject', onclick: act(() => hitl.reject(d.question_id)) },
      'Reject'));
  return h('div', { class: 'card question', 'data-testid': 'question-card', 'data-question-id': d.question_id },
    h('div', { class: 'card-title' }, d.prompt),
    h('div', { class: 'chips' }, options, multi ? h('span', { class: 'hint' }, 'choose any') : ''),
    h('div', { class: 'inputs' }, free, actions), error, h('div', { class: 'outcome', hidden: true }));
}

export function resolveQuestion(card, d) {
  if (!card) return;
  card.querySelector('.card-actions')?.remove();
  card.querySelector('.inputs')?.remove();
  card.querySelectorAll('.chip').forEach((c) => { c.disabled = true; });
  card.classList.add('resolved', `outcome-${d.status}`);
  const out = card.querySelector('.outcome');
  out.hidden = false;
  out.textContent = d.status === 'answered' ? `Answered: ${d.response ?? ''}` : 'Rejected';
}
