import {call} from '../api.js';
import {h, show} from '../dom.js';

export async function appsPage() {
  const apps = await call('GET', '/apps');
  const rows = apps.map(app => h('tr', {},
      h('td', {}, h('a', {href: `#/apps/${encodeURIComponent(app.name)}`}, app.name)),
      h('td', {}, String(app.version)),
      h('td', {}, app.enabled ? 'serving' : 'disabled'),
      h('td', {}, (app.config?.routes ?? []).join(', '))));
  show('Apps',
      apps.length
        ? h('table', {}, h('caption', {}, 'Apps deployed through the admin API'),
            h('thead', {}, h('tr', {}, ['Name', 'Version', 'Status', 'Routes'].map(c => h('th', {scope: 'col'}, c)))),
            h('tbody', {}, rows))
        : h('p', {}, 'No app is deployed yet. ', h('a', {href: '#/templates'}, 'Deploy one from a template.')));
}
