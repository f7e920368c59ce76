import {call} from '../api.js';
import {field, h, say, show} from '../dom.js';

const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Deploys a module of one's own: uploaded (POST /modules), then deployed by its sha256 with a route. */
export async function uploadPage() {
  const file = field('Module (.wasm)', h('input', {type: 'file', name: 'module', accept: '.wasm,application/wasm'}));
  const app = field('App name', h('input', {type: 'text', name: 'app', spellcheck: 'false'}),
      'Deploying to an existing name makes a new version of it, with the route given here.');
  const route = field('Route', h('input', {type: 'text', name: 'route', spellcheck: 'false'}),
      'Default: /APP-NAME.');
  const button = h('button', {type: 'submit', id: 'upload'}, 'Upload and deploy');
  const form = h('form', {novalidate: true}, file.wrapper, app.wrapper, route.wrapper, button);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = file.control.files[0];
    file.showError(chosen ? '' : 'Choose a .wasm file.');
    app.showError(APP_NAME.test(app.control.value) ? '' : 'Letters, digits, ".", "_" or "-", up to 63.');
    if (!chosen || !APP_NAME.test(app.control.value)) return;
    button.disabled = true;
    try {
      const module = await call('POST', '/modules', {body: chosen, type: 'application/wasm'});
      const answer = await call('PUT', `/apps/${encodeURIComponent(app.control.value)}`, {json: {
        module: `sha256:${module.sha256}`,
        config: {routes: [route.control.value.trim() || `/${app.control.value}`]}}});
      say(`Deployed ${answer.app.name} version ${answer.app.version}.`);
      location.hash = `#/apps/${encodeURIComponent(answer.app.name)}`;
    } catch (error) {
      say(`Not deployed: ${error.message}`, true);
    } finally {
      button.disabled = false;
    }
  });
  show('Upload a module', h('p', {}, 'A module built with one of wedge\'s SDKs (docs/abi.md).'), form);
}
