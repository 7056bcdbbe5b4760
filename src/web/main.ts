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

/** Follows a same-origin link to one of the pages without reloading. */
function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a');
  if (!link || link.target !== '' || link.origin !== location.origin || link.getAttribute('href')?.startsWith('#')) return;
  const path = link.pathname.replace(/\/$/, '') || '/';
  if (!(path in pages) && path !== '/' && path !== '/ui') return;
  event.preventDefault();
  history.pushState(null, '', link.pathname + link.search);
  route();
  // Screen readers and keyboards start at the new page, unless it focused its own control (Explore's editor).
  const main = document.getElementById('main');
  if (main && !main.contains(document.activeElement)) main.focus();
}

function buildShell(): void {
  const nav = h('nav', { 'aria-label': 'Main' }, h('span', { class: 'brand' }, 'Watchpost'));
  for (const [path, page] of Object.entries(pages)) nav.append(h('a', { href: path }, page.title));
  const skip = h('a', { href: '#main', class: 'skip-link' }, 'Skip to content');
  document.body.replaceChildren(skip, h('header', {}, nav), h('main', { id: 'main', tabindex: '-1' }));
  document.addEventListener('click', onLinkClick);
}

buildShell();
window.addEventListener('popstate', route);
route();
