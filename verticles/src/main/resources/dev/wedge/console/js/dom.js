// Building the DOM from data: text always goes in as text nodes, never as HTML, so nothing an app or a
// template says can run as script in the console.

/** h('p', {class: 'help'}, 'text', child, ...): attributes starting with "on" are event listeners. */
export function h(tag, attributes = {}, ...children) {
  const svg = ['svg', 'polyline', 'line', 'text', 'title', 'g'].includes(tag);
  const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let counter = 0;
/** A unique id, so every input can have a label pointing at it. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A labelled field: the label, the control, its help text and its error line, tied together by ids. */
export function field(labelText, control, help) {
  const id = control.id || uid('f');
  control.id = id;
  const helpLine = help ? h('p', {class: 'help', id: `${id}-help`}, help) : null;
  const errorLine = h('p', {class: 'error', id: `${id}-error`});
  control.setAttribute('aria-describedby', [helpLine ? helpLine.id : null, errorLine.id].filter(Boolean).join(' '));
  const wrapper = h('div', {class: control.type === 'checkbox' ? 'field check' : 'field'},
      h('label', {for: id}, labelText), control, helpLine, errorLine);
  return {wrapper, control, showError(message) {
    errorLine.textContent = message || '';
    control.setAttribute('aria-invalid', message ? 'true' : 'false');
  }};
}

/** Shows a page: replaces main's content, sets the title and moves focus to the page's heading. */
export function show(title, ...content) {
  const main = document.getElementById('main');
  const heading = h('h1', {tabindex: '-1'}, title);
  main.replaceChildren(heading, ...content);
  document.title = `${title} · wedge console`;
  heading.focus();
}

/** A message in the polite live region (read by screen readers), gone after a while. */
export function say(message, bad = false) {
  const line = h('p', {class: bad ? 'bad' : ''}, message);
  document.getElementById('status').replaceChildren(line);
  setTimeout(() => line.remove(), 6000);
}
