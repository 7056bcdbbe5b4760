import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { h } from './dom.js';
import { renderAlerts } from './pages/alerts.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderExplore } from './pages/explore.js';
import { renderHosts } from './pages/hosts.js';

type Page = (root: HTMLElement, params: URLSearchParams) => () => void;

const pages: Record<string, { title: string; render: Page }> = {
  '/explore': { title: 'Explore', render: renderExplore },
  '/dashboard': { title: 'SSH activity', render: renderDashboard },
  '/alerts': { title: 'Alerts', render: renderAlerts },
  '/hosts': { title: 'Hosts', render: renderHosts },
};

let cleanup: () => void = () => undefined;

/** Renders the page for the current URL; `/` shows the dashboard. */
function route(): void {
  cleanup();
  const path = location.pathname === '/' || location.pathname === '/ui' ? '/dashboard' : location.pathname.replace(/\/$/, '');
  const page = pages[path] ?? pages['/dashboard'];
  const main = document.getElementById('main') as HTMLElement;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.pathname === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!page) return;
  document.title = `${page.title} · Watchpost`;
  cleanup = page.render(main, new URLSearchParams(location.search));
}

function buildShell(): void {
  const nav = h('nav', { 'aria-label': 'Main' }, h('span', { class: 'brand' }, 'Watchpost'));
  for (const [path, page] of Object.entries(pages)) {
    const link = h('a', { href: path }, page.title);
    link.addEventListener('click', (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      history.pushState(null, '', path);
      route();
    });
    nav.append(link);
  }
  const skip = h('a', { href: '#main', class: 'skip-link' }, 'Skip to content');
  document.body.replaceChildren(skip, h('header', {}, nav), h('main', { id: 'main', tabindex: '-1' }));
}

buildShell();
window.addEventListener('popstate', route);
route();
