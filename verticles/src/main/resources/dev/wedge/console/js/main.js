// The console's router: one page per location hash, so the browser's back button and bookmarks work and no
// server-side routing is needed. A page may return a function that stops its timers when it is left.
import {setToken, token} from './api.js';
import {say, show, h} from './dom.js';
import {loginPage} from './pages/login.js';
import {galleryPage} from './pages/gallery.js';
import {templatePage} from './pages/template.js';
import {appsPage} from './pages/apps.js';
import {appPage} from './pages/app.js';
import {uploadPage} from './pages/upload.js';

const ROUTES = [
  [/^#\/templates\/([^/]+)$/, templatePage],
  [/^#\/templates$/, galleryPage],
  [/^#\/apps\/([^/]+)$/, appPage],
  [/^#\/apps$/, appsPage],
  [/^#\/upload$/, uploadPage],
];

let leave = null;

async function route() {
  if (leave) {
    leave();
    leave = null;
  }
  const hash = location.hash || '#/templates';
  document.getElementById('nav').hidden = !token();
  if (!token() || hash === '#/login') {
    leave = await loginPage();
    return;
  }
  for (const [pattern, page] of ROUTES) {
    const match = hash.match(pattern);
    if (match) {
      try {
        leave = await page(...match.slice(1).map(decodeURIComponent));
      } catch (error) {
        show('Something went wrong', h('p', {class: 'bad'}, error.message));
      }
      return;
    }
  }
  show('Not found', h('p', {}, 'No console page here. '), h('a', {href: '#/templates'}, 'See the templates'));
}

document.getElementById('logout').addEventListener('click', () => {
  setToken(null);
  say('Logged out.');
  location.hash = '#/login';
});
window.addEventListener('hashchange', route);
route();
