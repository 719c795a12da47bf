// The inspector page: connects (URL ?token= / stored settings / the connect form), then wires
// the sessions, agents, conversation, events and files panes together.
import { Api } from './api.js';
import { $ } from './dom.js';
import { SessionsPane } from './sessions.js';
import { AgentsPane } from './agents.js';
import { FilesPane } from './files.js';
import { ChatPane } from './chat.js';

const STORE = 'sandbox-agent-inspector';

function saved() {
  try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch { return {}; }
}

/** Settings from the URL (the seed's buildInspectorUrl: ?token=&headers=), else from storage. */
function initialSettings() {
  const params = new URLSearchParams(location.search);
  const store = saved();
  const fromUrl = params.has('token');
  let headers = store.headers || {};
  if (params.has('headers')) {
    try { headers = JSON.parse(params.get('headers')); } catch { headers = {}; }
  }
  const settings = {
    // a link with a token means the daemon that serves this page, unless it names another
    endpoint: params.get('endpoint') || (fromUrl ? location.origin : store.endpoint || location.origin),
    token: fromUrl ? params.get('token') : store.token,
    headers,
  };
  if (fromUrl || params.has('headers') || params.has('endpoint')) {
    // keep the secret out of the address bar and the history
    history.replaceState(null, '', location.pathname);
  }
  return { settings, auto: fromUrl || store.token !== undefined };
}

function setConn(state, text) {
  const el = $('[data-testid="connection-status"]');
  el.dataset.state = state;
  $('.conn-text', el).textContent = text;
}

function showConnect(settings, error) {
  $('.layout').hidden = true;
  $('.tabs-mobile').hidden = true;
  $('[data-testid="disconnect"]').hidden = true;
  const form = $('[data-testid="connect-form"]');
  form.hidden = false;
  $('[data-testid="connect-endpoint"]').value = settings.endpoint;
  $('[data-testid="connect-token"]').value = settings.token || '';
  const box = $('[data-testid="connection-error"]');
  box.hidden = !error;
  box.textContent = error || '';
  setConn(error ? 'error' : 'off', error ? 'connection failed' : 'not connected');
}

function describe(e, endpoint) {
  if (e.status === 401) return `The daemon at ${endpoint} refused the token (401 token_invalid). Check the token and connect again.`;
  if (e.status === 0) return `${e.title}: ${e.detail}.`;
  return `The daemon at ${endpoint} answered ${e.status}: ${e.message}`;
}

async function connect(settings) {
  const api = new Api(settings.endpoint, settings.token, settings.headers);
  setConn('connecting', `connecting to ${api.endpoint}…`);
  try {
    await api.get('/v1/agents'); // needs the token: proves both address and token
  } catch (e) {
    showConnect(settings, describe(e, api.endpoint));
    return;
  }
  localStorage.setItem(STORE, JSON.stringify(settings));
  $('[data-testid="connect-form"]').hidden = true;
  $('.layout').hidden = false;
  $('.tabs-mobile').hidden = false;
  $('[data-testid="disconnect"]').hidden = false;
  setConn('ok', api.endpoint);
  start(api);
}

function start(api) {
  const agents = new AgentsPane(document, api);
  const files = new FilesPane(document, api);
  const chat = new ChatPane(document, api, { onChange: () => sessions.refresh(), files });
  const sessions = new SessionsPane(document, api, {
    onOpen: (id) => {
      sessions.selected = id;
      chat.open(id);
      files.open(id);
      sessions.refresh();
      document.body.dataset.view = 'chat';
    },
    currentState: (id) => chat.stateOf(id),
  });
  agents.refresh();
  sessions.start();
  tabs(agents, files);
}

/** Tab switching inside panes, and the mobile view switcher. */
function tabs(agents, files) {
  for (const pane of document.querySelectorAll('.pane')) {
    for (const tab of pane.querySelectorAll('.tab')) {
      tab.addEventListener('click', () => {
        pane.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t === tab));
        pane.querySelectorAll('.tab-body').forEach((b) => { b.hidden = b.dataset.body !== tab.dataset.tab; });
        if (tab.dataset.tab === 'agents') agents.refresh();
        if (tab.dataset.tab === 'files') files.refresh();
      });
    }
  }
  for (const b of document.querySelectorAll('.tabs-mobile button')) {
    b.addEventListener('click', () => { document.body.dataset.view = b.dataset.view; });
  }
}

function boot() {
  const { settings, auto } = initialSettings();
  $('[data-testid="connect-form"] form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    connect({
      endpoint: $('[data-testid="connect-endpoint"]').value.trim() || location.origin,
      token: $('[data-testid="connect-token"]').value,
      headers: settings.headers,
    });
  });
  $('[data-testid="disconnect"]').addEventListener('click', () => {
    localStorage.removeItem(STORE);
    location.reload();
  });
  if (auto) connect(settings);
  else showConnect(settings, null);
}

boot();
