import {call} from '../api.js';
import {field, h, say, show} from '../dom.js';
import {parameterFields, urlProblem} from '../form.js';

const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export async function templatePage(name) {
  const template = await call('GET', `/templates/${encodeURIComponent(name)}`);
  const cdn = template.kind === 'cdn';
  const app = field('App name', h('input', {type: 'text', name: 'app', value: template.name, spellcheck: 'false'}),
      '1 to 63 letters, digits, ".", "_" or "-". Deploying to an existing name makes a new version of it.');
  const route = field('Route', h('input', {type: 'text', name: 'route', value: `/${template.name}`, spellcheck: 'false'}),
      'Where it is served: a path such as /shop, or a host and path such as shop.example.com/.');
  const origin = cdn ? field('Origin', h('input', {type: 'url', name: 'origin', spellcheck: 'false'}),
      'The address of the server this filter sits in front of, such as https://origin.example.com.') : null;
  const privateOrigin = cdn ? field('The origin is on a private network',
      h('input', {type: 'checkbox', name: 'private-origin'}),
      'Tick it when the origin is on your own network (an address such as 10.0.0.5, or localhost): wedge refuses such '
      + 'addresses unless told.') : null;
  app.control.addEventListener('input', () => { route.control.value = `/${app.control.value}`; });
  const params = parameterFields(template);
  const deployButton = h('button', {type: 'submit', id: 'deploy'}, 'Deploy');
  const form = h('form', {novalidate: true, 'aria-labelledby': 'deploy-heading'},
      h('h2', {id: 'deploy-heading'}, 'Deploy'),
      app.wrapper, route.wrapper, origin?.wrapper, privateOrigin?.wrapper,
      params.elements.length ? h('h3', {}, 'Parameters') : null, params.elements, deployButton);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const problems = [
      [app, APP_NAME.test(app.control.value) ? '' : 'Letters, digits, ".", "_" or "-", up to 63.'],
      [route, route.control.value.trim() ? '' : 'Required.'],
      ...(origin ? [[origin, urlProblem(origin.control.value)]] : []),
    ];
    problems.forEach(([f, message]) => f.showError(message));
    const firstParam = params.check();
    const firstBad = problems.find(([, message]) => message)?.[0].control ?? firstParam;
    if (firstBad) {
      firstBad.focus();
      say('Some fields need a fix.', true);
      return;
    }
    const body = {app: app.control.value, route: route.control.value.trim(), params: params.values()};
    if (origin) body.origin = origin.control.value;
    if (privateOrigin?.control.checked) body['allow-private'] = [new URL(origin.control.value).hostname.replace(/^\[|\]$/g, '')];
    deployButton.disabled = true;
    try {
      const answer = await call('POST', `/templates/${encodeURIComponent(template.name)}/deploy`, {json: body});
      params.clearSecrets();
      say(`Deployed ${answer.app.name} version ${answer.app.version}${answer.complete ? '' : ' (some nodes still loading)'}.`);
      location.hash = `#/apps/${encodeURIComponent(answer.app.name)}`;
    } catch (error) {
      if (error.code === 'invalid-params') params.showServerErrors(error.message);
      if (error.code === 'route-taken') route.showError(error.message);
      if (error.code === 'bad-name') app.showError(error.message);
      say(`Not deployed: ${error.message}`, true);
    } finally {
      deployButton.disabled = false;
    }
  });

  show(template.title,
      h('p', {}, template.summary),
      h('p', {}, h('span', {class: 'tag'}, cdn ? `cdn filter: ${template.phases.join(', ')}` : 'http app')),
      form,
      h('section', {'aria-labelledby': 'readme-heading'}, h('h2', {id: 'readme-heading'}, 'About this template'),
          h('pre', {}, template.readme)));
}
