// The session's directory: browse, download a file, upload files or a tar (extracted by the
// daemon). Paths are relative to the session's directory (the fs API's session_id base).
import { h, clear, $ } from './dom.js';

export class FilesPane {
  constructor(root, api) {
    this.api = api;
    this.list = $('[data-testid="file-list"]', root);
    this.crumbs = $('[data-testid="files-path"]', root);
    this.status = $('[data-testid="upload-status"]', root);
    this.sessionId = null;
    this.path = '';
    $('[data-testid="upload-files"]', root).addEventListener('change', (e) => this.upload([...e.target.files], false, e.target));
    $('[data-testid="upload-tar"]', root).addEventListener('change', (e) => this.upload([...e.target.files], true, e.target));
  }

  open(sessionId) {
    this.sessionId = sessionId;
    this.path = '';
    this.refresh();
  }

  query(path) {
    return { path: path || '.', session_id: this.sessionId };
  }

  async refresh() {
    if (!this.sessionId) return;
    this.drawCrumbs();
    try {
      const res = await this.api.get('/v1/fs/entries', this.query(this.path));
      const entries = Array.isArray(res) ? res : (res.entries || []);
      const rows = entries.map((e) => this.row(e));
      clear(this.list).append(...(rows.length ? rows : [h('div', { class: 'empty muted' }, 'Empty directory.')]));
    } catch (e) {
      clear(this.list).append(h('div', { class: 'error-box' }, e.message));
    }
  }

  drawCrumbs() {
    const parts = this.path ? this.path.split('/') : [];
    clear(this.crumbs).append(h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); this.go(''); } }, 'session directory'),
      ...parts.flatMap((p, i) => [' / ', h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); this.go(parts.slice(0, i + 1).join('/')); } }, p)]));
  }

  go(path) {
    this.path = path;
    this.refresh();
  }

  row(e) {
    const rel = this.path ? `${this.path}/${e.name}` : e.name;
    const dir = e.entryType === 'directory';
    return h('div', { class: 'file-row', 'data-testid': 'file-row', 'data-name': e.name },
      h('span', { class: `file-icon ${dir ? 'dir' : 'file'}`, 'aria-hidden': 'true' }),
      dir ? h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); this.go(rel); } }, e.name)
        : h('a', { href: '#', 'data-testid': 'file-download', onclick: (ev) => { ev.preventDefault(); this.download(rel, e.name); } }, e.name),
      h('span', { class: 'muted small' }, dir ? '' : size(e.size)));
  }

  async download(rel, name) {
    try {
      const res = await this.api.request('GET', '/v1/fs/file', { query: this.query(rel) });
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.status.textContent = e.message;
    }
  }

  async upload(files, archive, input) {
    if (!files.length || !this.sessionId) return;
    try {
      for (const f of files) {
        this.status.textContent = `uploading ${f.name}…`;
        if (archive) {
          const res = await this.api.json('POST', '/v1/fs/upload-batch', { query: this.query(this.path), body: f, contentType: 'application/x-tar' });
          const n = res && res.paths ? res.paths.length : 0;
          this.status.textContent = `extracted ${n}${res && res.truncated ? '+' : ''} file${n === 1 ? '' : 's'} from ${f.name}`;
        } else {
          await this.api.request('PUT', '/v1/fs/file', { query: this.query(this.path ? `${this.path}/${f.name}` : f.name), body: f, contentType: 'application/octet-stream' });
          this.status.textContent = `uploaded ${f.name}`;
        }
      }
    } catch (e) {
      this.status.textContent = `upload failed: ${e.message}`;
    }
    input.value = '';
    this.refresh();
  }
}

function size(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
