// How each content part of an item looks. Text goes through the safe markdown renderer; every
// other string is set as text, never as markup.
import { h, pretty } from './dom.js';
import { renderMarkdown } from './markdown.js';

export function renderPart(part, ctx) {
  switch (part.type) {
    case 'text':
      return h('div', { class: 'md' }, renderMarkdown(part.text || ''));
    case 'reasoning':
      return h('details', { class: 'reasoning' },
        h('summary', {}, 'Reasoning', part.visibility === 'private' ? ' (private)' : ''),
        h('div', { class: 'reasoning-text' }, part.text || ''));
    case 'tool_call':
      return h('div', { class: 'tool-call' },
        h('div', { class: 'tool-name' }, h('span', { class: 'tool-icon' }, '⚙'), part.name || 'tool'),
        h('pre', { class: 'args' }, pretty(part.arguments ?? '')));
    case 'tool_result':
      return h('pre', { class: 'tool-output' }, part.output ?? '');
    case 'file_ref':
      return fileRef(part);
    case 'image':
      return image(part, ctx);
    case 'status':
      return h('div', { class: 'status-part' }, h('strong', {}, part.label || 'status'),
        part.detail ? ` — ${part.detail}` : '');
    case 'json':
      return h('details', { class: 'quiet' }, h('summary', {}, 'JSON'), h('pre', {}, pretty(part.json)));
    default:
      return h('details', { class: 'quiet' }, h('summary', {}, `part ${part.type}`), h('pre', {}, pretty(part)));
  }
}

function fileRef(part) {
  const head = h('div', { class: 'file-ref-head' }, h('span', { class: `badge action-${part.action}` }, part.action || 'file'),
    h('code', {}, part.path || ''));
  if (!part.diff) return h('div', { class: 'file-ref' }, head);
  const diff = h('pre', { class: 'diff' });
  for (const line of part.diff.split('\n')) {
    const cls = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '';
    diff.append(h('span', { class: `diff-line ${cls}` }, line), '\n');
  }
  return h('div', { class: 'file-ref' }, head, diff);
}

/** Images live in the sandbox: fetched through the fs API with the token, shown from a blob URL. */
function image(part, ctx) {
  const fig = h('figure', { class: 'image' }, h('figcaption', {}, part.path || 'image'));
  ctx.api.request('GET', '/v1/fs/file', { query: { path: part.path, session_id: ctx.sessionId } })
    .then((res) => res.blob())
    .then((blob) => fig.prepend(h('img', { src: URL.createObjectURL(blob), alt: part.path || 'image' })))
    .catch((e) => fig.prepend(h('div', { class: 'image-missing' }, `image not available (${e.message})`)));
  return fig;
}
