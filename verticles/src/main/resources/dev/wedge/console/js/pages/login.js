import {call, setToken} from '../api.js';
import {field, h, show} from '../dom.js';

export async function loginPage() {
  const input = h('input', {type: 'password', name: 'token', autocomplete: 'current-password', required: true});
  const tokenField = field('Admin token', input, "The node's admin.token (printed by the node at start when none is set).");
  const form = h('form', {novalidate: true}, tokenField.wrapper, h('button', {type: 'submit'}, 'Log in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (!input.value) {
      tokenField.showError('Enter the admin token.');
      input.focus();
      return;
    }
    try {
      await call('GET', '/templates', {tokenOverride: input.value});
    } catch (error) {
      tokenField.showError(error.status === 401 ? 'This token is not accepted.' : error.message);
      input.focus();
      return;
    }
    setToken(input.value);
    input.value = '';
    location.hash = '#/templates';
  });
  show('Log in', h('p', {}, 'The token stays in this tab only and is sent with each call to the admin API.'), form);
}
