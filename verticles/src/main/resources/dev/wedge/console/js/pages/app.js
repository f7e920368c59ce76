import {call, logs} from '../api.js';
import {field, h, say, show} from '../dom.js';
import {appCharts} from '../charts.js';

const LOG_POLL_MS = 2000;
const METRICS_POLL_MS = 3000;

/** An app's page: what it is, its versions with rollback, its log tail, its charts and a "try it" panel. */
export async function appPage(name) {
  const path = `/apps/${encodeURIComponent(name)}`;
  const {'app-port': appPort} = await call('GET', '/try');
  const overview = h('div', {});
  const versions = h('div', {});
  const logLines = h('pre', {id: 'log-tail', tabindex: '0', 'aria-label': 'Log lines'}, 'No log lines yet.');
  const charts = appCharts(name);

  async function refresh() {
    const [app, kept] = await Promise.all([call('GET', path), call('GET', `${path}/versions`)]);
    overview.replaceChildren(...describe(app, appPort, refresh));
    versions.replaceChildren(versionTable(name, kept, refresh));
    return app;
  }

  const app = await refresh();
  const timers = [
    poll(LOG_POLL_MS, async () => {
      const entries = await logs(name);
      if (entries.length) {
        logLines.textContent = entries.map(logLine).join('\n');
      }
    }),
    poll(METRICS_POLL_MS, async () => charts.add(await call('GET', '/metrics', {text: true}))),
  ];
  show(`App ${name}`,
      section('Overview', overview),
      section('Versions', versions),
      section('Try it', tryPanel(app.config?.routes ?? [])),
      section('Log', h('p', {class: 'help'}, `The last 50 lines, refreshed every ${LOG_POLL_MS / 1000} s.`), logLines),
      section('Traffic', h('p', {class: 'help'}, `From this node's metrics, one point every ${METRICS_POLL_MS / 1000} s.`),
          charts.element));
  return () => timers.forEach(stop => stop());
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];

/** An entry of the logs API (docs/observability.md): time, level or stream, request id, module, text. */
function logLine(entry) {
  const level = LEVELS[entry.level] ?? entry.stream;
  return `${entry.time} ${level} [${entry.request ?? '-'}] (module ${entry.version}) ${entry.text}`;
}

function section(title, ...content) {
  const id = `h-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return h('section', {'aria-labelledby': id}, h('h2', {id}, title), ...content);
}

/** Runs task now and every ms until stopped; a failed round is shown once and the polling goes on. */
function poll(ms, task) {
  let stopped = false;
  let timer;
  const round = async () => {
    try {
      await task();
    } catch (error) {
      say(error.message, true);
    }
    if (!stopped) timer = setTimeout(round, ms);
  };
  round();
  return () => { stopped = true; clearTimeout(timer); };
}

function urlOf(route, appPort) {
  if (route.startsWith('/')) return `${location.protocol}//${location.hostname}:${appPort}${route}`;
  return `http://${route.replace(/^\*\./, 'www.')}`;
}

/** Where "try it" starts: the first path route; else the first host route, with its Host header. */
function firstTarget(routes) {
  const path = routes.find(route => route.startsWith('/'));
  if (path || !routes.length) return {path: path ?? '/', headers: ''};
  const slash = routes[0].indexOf('/');
  const host = slash < 0 ? routes[0] : routes[0].slice(0, slash);
  return {path: slash < 0 ? '/' : routes[0].slice(slash), headers: `Host: ${host.replace(/^\*\./, 'www.')}`};
}

function describe(app, appPort, refresh) {
  const config = app.config ?? {};
  const routes = config.routes ?? [];
  const toggle = h('button', {type: 'button', class: 'secondary'}, app.enabled ? 'Disable' : 'Enable');
  toggle.addEventListener('click', async () => {
    try {
      await call('POST', `/apps/${encodeURIComponent(app.name)}/${app.enabled ? 'disable' : 'enable'}`);
      say(`${app.name} ${app.enabled ? 'disabled' : 'enabled'}.`);
      await refresh();
    } catch (error) {
      say(error.message, true);
    }
  });
  const settings = [
    ...Object.entries(config.env ?? {}).map(([k, v]) => h('tr', {}, h('th', {scope: 'row'}, k), h('td', {}, v))),
    ...Object.entries(config.secrets ?? {}).map(([k, v]) => h('tr', {}, h('th', {scope: 'row'}, k),
        h('td', {}, `secret: node secret "${v}" (the value is never shown)`))),
  ];
  return [
    h('p', {id: 'app-status'}, 'Status: ', h('strong', {class: app.enabled ? 'ok' : 'bad'},
        app.enabled ? 'serving' : 'disabled'), ` · version ${app.version} of ${app.versions}`,
        config.origin ? ` · in front of ${config.origin}` : ''),
    h('ul', {}, routes.map(route => h('li', {}, h('a', {href: urlOf(route, appPort)}, urlOf(route, appPort))))),
    settings.length ? h('table', {}, h('caption', {}, 'Settings'), h('tbody', {}, settings)) : null,
    h('p', {}, toggle),
  ];
}

function versionTable(name, kept, refresh) {
  const rows = [...kept].reverse().map(version => {
    const cell = version.active ? h('td', {}, 'active')
      : h('td', {}, h('button', {type: 'button', class: 'secondary', 'data-version': version.version,
        onclick: async () => {
          try {
            const answer = await call('POST', `/apps/${encodeURIComponent(name)}/rollback`,
                {json: {version: version.version}});
            say(`Rolled back to version ${answer.app.version}.`);
            await refresh();
          } catch (error) {
            say(`Not rolled back: ${error.message}`, true);
          }
        }}, `Roll back to version ${version.version}`));
    return h('tr', {}, h('td', {}, String(version.version)), h('td', {}, version['deployed-at'] ?? ''),
        h('td', {}, (version.sha256 ?? '').slice(0, 12)), cell);
  });
  return h('table', {id: 'versions'}, h('caption', {}, 'Versions kept, newest first'),
      h('thead', {}, h('tr', {}, ['Version', 'Deployed at', 'Module', 'Action'].map(c => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows));
}

/** Sends one request to the app through the node (POST /try) and shows the answer. */
function tryPanel(routes) {
  const target = firstTarget(routes);
  const method = field('Method', h('select', {name: 'try-method'},
      ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'].map(m => h('option', {value: m}, m))));
  const pathField = field('Path', h('input', {type: 'text', name: 'try-path', value: target.path, spellcheck: 'false'}),
      'The path and query, starting with /.');
  const headers = field('Headers', h('textarea', {name: 'try-headers', rows: 3, spellcheck: 'false'}, target.headers),
      'One "Name: value" per line; a Host header reaches apps routed by host name.');
  const body = field('Body', h('textarea', {name: 'try-body', rows: 3, spellcheck: 'false'}));
  const output = h('pre', {id: 'try-response', tabindex: '0', 'aria-label': 'Response', 'aria-live': 'polite'},
      'No request sent yet.');
  const send = h('button', {type: 'submit', id: 'try-send'}, 'Send');
  const form = h('form', {novalidate: true}, method.wrapper, pathField.wrapper, headers.wrapper, body.wrapper, send);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!pathField.control.value.startsWith('/')) {
      pathField.showError('Start the path with /.');
      pathField.control.focus();
      return;
    }
    pathField.showError('');
    const headerMap = {};
    for (const line of headers.control.value.split('\n')) {
      const at = line.indexOf(':');
      if (at > 0) headerMap[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    send.disabled = true;
    try {
      const answer = await call('POST', '/try', {json: {method: method.control.value,
        path: pathField.control.value, headers: headerMap, body: body.control.value}});
      output.textContent = [`${answer.status}`, ...answer.headers.map(([k, v]) => `${k}: ${v}`), '',
        answer.body + (answer.truncated ? '\n(cut off)' : '')].join('\n');
    } catch (error) {
      output.textContent = `No answer: ${error.message}`;
    } finally {
      send.disabled = false;
    }
  });
  return h('div', {}, form, h('h3', {}, 'Response'), output);
}
