import {call} from '../api.js';
import {h, show} from '../dom.js';

export async function galleryPage() {
  const templates = await call('GET', '/templates');
  const cards = templates.map(template => h('li', {class: 'card'},
      h('h2', {}, h('a', {href: `#/templates/${encodeURIComponent(template.name)}`}, template.title)),
      h('p', {}, h('span', {class: 'tag'}, template.kind === 'cdn' ? 'in front of an origin' : 'answers requests')),
      h('p', {}, template.summary)));
  show('Templates',
      h('p', {}, 'Ready-made apps: pick one, fill in its form and deploy it.'),
      cards.length ? h('ul', {class: 'cards'}, cards) : h('p', {}, 'This node offers no templates.'));
}
