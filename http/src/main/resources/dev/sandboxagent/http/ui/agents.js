// The agents the daemon knows: installed or not, version, credentials, capabilities, and (on
// demand) modes and models; install with a live elapsed time and the daemon's error if it fails.
import { h, clear, $ } from './dom.js';

export class AgentsPane {
  constructor(root, api) {
    this.list = $('[data-testid="agent-list"]', root);
    this.api = api;
  }

  async refresh() {
    try {
      const { agents } = await this.api.get('/v1/agents');
      clear(this.list).append(...agents.map((a) => this.row(a)));
    } catch (e) {
      clear(this.list).append(h('div', { class: 'error-box' }, e.message));
    }
  }

  row(a) {
    const caps = Object.entries(a.capabilities || {}).filter(([, v]) => v).map(([k]) => h('span', { class: 'cap' }, k));
    const more = h('div', { class: 'agent-more muted' }, 'loading modes and models…');
    const details = h('details', { class: 'agent-details' }, h('summary', {}, 'Capabilities, modes and models'),
      h('div', { class: 'caps' }, caps), more);
    details.addEventListener('toggle', () => { if (details.open) this.loadMore(a.id, more); }, { once: true });
    const status = h('div', { class: 'install-status', 'data-testid': `install-status-${a.id}` });
    const install = h('button', { class: 'btn small', 'data-testid': `agent-install-${a.id}` }, a.installed ? 'Reinstall' : 'Install');
    install.addEventListener('click', () => this.install(a, install, status));
    return h('div', { class: 'agent-row', 'data-testid': `agent-row-${a.id}`, 'data-installed': a.installed },
      h('div', { class: 'ar-top' }, h('strong', {}, a.id),
        h('span', { class: `badge ${a.installed ? 'ok' : 'off'}` }, a.installed ? `installed${a.version ? ` ${a.version}` : ''}` : 'not installed'),
        h('span', { class: `badge ${a.credentialsAvailable ? 'ok' : 'warn'}` }, a.credentialsAvailable ? 'credentials found' : 'no credentials')),
      a.path ? h('div', { class: 'muted small mono' }, a.path) : '',
      a.serverStatus ? h('div', { class: 'muted small' }, `server: ${a.serverStatus.status || JSON.stringify(a.serverStatus)}`) : '',
      details, h('div', { class: 'row' }, install, status));
  }

  async loadMore(id, el) {
    const q = encodeURIComponent(id);
    const [modes, models] = await Promise.all([
      this.api.get(`/v1/agents/${q}/modes`).catch((e) => ({ error: e.message })),
      this.api.get(`/v1/agents/${q}/models`).catch((e) => ({ error: e.message }))]);
    clear(el).append(
      h('div', {}, h('strong', {}, 'Modes: '), modes.error || modes.modes.map((m) => m.id).join(', ') || 'none'),
      h('div', {}, h('strong', {}, 'Models: '), models.error || models.models.map((m) =>
        `${m.id}${m.variants && m.variants.length ? ` [${m.variants.join('/')}]` : ''}`).join(', ') || 'none',
      models.defaultModel ? ` (default ${models.defaultModel})` : ''));
  }

  async install(a, button, status) {
    button.disabled = true;
    const started = Date.now();
    status.className = 'install-status running';
    const tick = () => { status.textContent = `installing… ${Math.round((Date.now() - started) / 1000)} s`; };
    tick();
    const timer = setInterval(tick, 500);
    try {
      await this.api.post(`/v1/agents/${encodeURIComponent(a.id)}/install`, { reinstall: a.installed });
      status.className = 'install-status ok';
      status.textContent = `installed in ${((Date.now() - started) / 1000).toFixed(1)} s`;
      setTimeout(() => this.refresh(), 1500);
    } catch (e) {
      status.className = 'install-status failed';
      status.textContent = `install failed: ${e.message}`;
    } finally {
      clearInterval(timer);
      button.disabled = false;
    }
  }
}
