// A template's form, generated from its manifest (docs/templates.md), and the same checks the node makes.

import {field, h} from './dom.js';

/** Why value does not fit the parameter, or '' when it does (an empty value is checked by required). */
export function problem(parameter, value) {
  if (value === '') return parameter.required && parameter.default === undefined ? 'Required.' : '';
  if (parameter.secret) return '';
  switch (parameter.type) {
    case 'integer':
      return /^-?\d+$/.test(value.trim()) ? '' : 'Must be a whole number.';
    case 'boolean':
      return value === 'true' || value === 'false' ? '' : 'Must be true or false.';
    case 'url':
      return urlProblem(value);
    case 'enum':
      return parameter.values.includes(value) ? '' : `Must be one of ${parameter.values.join(', ')}.`;
    default:
      return '';
  }
}

export function urlProblem(value) {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? ''
        : 'Must be an http or https address.';
  } catch {
    return 'Must be an address such as https://origin.example.com.';
  }
}

function control(parameter) {
  const name = `param-${parameter.name}`;
  if (parameter.type === 'enum') {
    const options = parameter.values.map(value => h('option', {value, selected: value === parameter.default}, value));
    if (parameter.default === undefined) options.unshift(h('option', {value: ''}, '(choose)'));
    return h('select', {name}, options);
  }
  if (parameter.type === 'boolean') {
    return h('select', {name}, ['true', 'false'].map(value =>
        h('option', {value, selected: value === String(parameter.default ?? 'false')}, value)));
  }
  if (parameter.secret) {
    // Entered once: never filled in again, and browsers are asked not to remember it.
    return h('input', {type: 'password', name, autocomplete: 'off', spellcheck: 'false'});
  }
  return h('input', {type: parameter.type === 'url' ? 'url' : 'text', name, value: parameter.default ?? '',
    inputmode: parameter.type === 'integer' ? 'numeric' : undefined, spellcheck: 'false'});
}

/** The fields of a template's parameters: {elements, values(), check(), showServerErrors(message), clearSecrets()}. */
export function parameterFields(template) {
  const fields = template.parameters.map(parameter => {
    const label = `${parameter.name}${parameter.required ? ' (required)' : ''}`;
    const help = parameter.secret
      ? `${parameter.help} Secret: give the name of a secret in the node's config; it is never shown again.`
      : parameter.type === 'list' ? `${parameter.help} Separate the items with commas.` : parameter.help;
    return {parameter, ...field(label, control(parameter), help)};
  });
  return {
    elements: fields.map(f => f.wrapper),
    values() {
      return Object.fromEntries(fields.filter(f => f.control.value !== '').map(f => [f.parameter.name, f.control.value]));
    },
    /** Shows each field's problem; answers the first control with one, or null. */
    check() {
      let first = null;
      for (const f of fields) {
        const message = problem(f.parameter, f.control.value);
        f.showError(message);
        if (message && !first) first = f.control;
      }
      return first;
    },
    /** The node's "NAME: problem; NAME: problem" shown at each field. */
    showServerErrors(message) {
      for (const part of message.split('; ')) {
        const [name, ...rest] = part.split(': ');
        const f = fields.find(candidate => candidate.parameter.name === name);
        if (f) f.showError(rest.join(': '));
      }
    },
    clearSecrets() {
      fields.filter(f => f.parameter.secret).forEach(f => { f.control.value = ''; });
    },
  };
}
