// A small, safe markdown renderer: the text is never parsed as HTML. Blocks and inline marks
// are recognised with plain string rules and built as DOM nodes whose text goes in via text
// nodes, so `<script>` or `<img onerror>` in agent output shows up as the literal characters.
import { h } from './dom.js';

/** Renders markdown text into a DocumentFragment. */
export function renderMarkdown(text) {
  const out = document.createDocumentFragment();
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = line.match(/^\s*(```|~~~)\s*([\w+-]*)/);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      out.append(h('pre', { class: 'code', 'data-lang': fence[2] || null }, h('code', {}, body.join('\n'))));
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    if (heading) {
      out.append(h(`h${Math.min(6, heading[1].length + 2)}`, { class: 'md-h' }, inline(heading[2])));
      i++;
      continue;
    }
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = h(ordered ? 'ol' : 'ul', {});
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
        list.append(h('li', {}, inline(lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, ''))));
        i++;
      }
      out.append(list);
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quote = [];
      while (i < lines.length && /^>\s?/.test(lines[i])) quote.push(lines[i++].replace(/^>\s?/, ''));
      out.append(h('blockquote', {}, renderMarkdown(quote.join('\n'))));
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.append(h('hr', {}));
      i++;
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !/^(#{1,6}\s|\s*(```|~~~)|\s*([-*+]|\d+[.)])\s+|>)/.test(lines[i])) {
      para.push(lines[i++]);
    }
    const p = h('p', {});
    para.forEach((l, n) => {
      if (n > 0) p.append(h('br', {}));
      p.append(inline(l));
    });
    out.append(p);
  }
  return out;
}

// `code`, **bold**, *em* / _em_ (not inside words: snake_case stays), [label](http(s) link); the rest is literal.
const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|((?<![\w*])\*[^*\s][^*]*\*(?![\w*])|(?<!\w)_[^_\s][^_]*_(?!\w))|(\[[^\]]+\]\([^)\s]+\))/;

function inline(text) {
  const frag = document.createDocumentFragment();
  let rest = text;
  while (rest) {
    const m = rest.match(INLINE);
    if (!m) {
      frag.append(rest);
      break;
    }
    if (m.index > 0) frag.append(rest.slice(0, m.index));
    const tok = m[0];
    if (m[1]) frag.append(h('code', {}, tok.slice(1, -1)));
    else if (m[2]) frag.append(h('strong', {}, inline(tok.slice(2, -2))));
    else if (m[3]) frag.append(h('em', {}, inline(tok.slice(1, -1))));
    else frag.append(link(tok));
    rest = rest.slice(m.index + tok.length);
  }
  return frag;
}

function link(tok) {
  const [, label, href] = tok.match(/^\[([^\]]+)\]\(([^)\s]+)\)$/);
  // only web links become anchors: no javascript:, data: or other schemes
  if (!/^https?:\/\//i.test(href)) return document.createTextNode(tok);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, label);
}
