// Shared by every page: number and date formats, API calls (401 → login, CSRF on writes), the header with
// the navigation of the user's role, DOM helpers and the readiness flags the browser tests wait for.
import { lang, setLang, t, translate, LANGS } from './i18n.js';

export { t, lang };

// ------------------------------------------------------------------ formats

const locale = lang === 'es' ? 'es-CL' : 'en-US';
const clpFormat = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CLP', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 });
const clpCompactFormat = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CLP', currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 });
const intFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const upToOneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat(locale, lang === 'es'
  ? { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }
  : { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const shortDateFormat = new Intl.DateTimeFormat(locale, lang === 'es'
  ? { timeZone: 'UTC', day: '2-digit', month: '2-digit' }
  : { timeZone: 'UTC', day: 'numeric', month: 'short' });
const monthFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
const santiagoDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' });

const missing = (v) => v === null || v === undefined || Number.isNaN(v);
const DASH = '—';

function isoToUtc(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d || 1));
}

/** Display formats of the page language: es-CL in Spanish ($1.234.567, 12,3 %, 03-12-2026), en-US in English. */
export const fmt = {
  clp: (v) => (missing(v) ? DASH : clpFormat.format(Math.round(v))),
  clpCompact: (v) => (missing(v) ? DASH : clpCompactFormat.format(v)),
  int: (v) => (missing(v) ? DASH : intFormat.format(v)),
  decimal: (v) => (missing(v) ? DASH : oneDecimal.format(v)),
  number: (v) => (missing(v) ? DASH : upToOneDecimal.format(v)),
  /** A fraction (0.123) as a percentage: "12,3 %" in Spanish, "12.3%" in English. */
  ratio: (v) => (missing(v) ? DASH : percentText(v * 100)),
  /** A value already multiplied by 100. */
  percent: (v) => (missing(v) ? DASH : percentText(v)),
  days: (v) => (missing(v) ? DASH : t(v === 1 ? 'common.day' : 'common.days', { n: oneDecimal.format(v) })),
  wholeDays: (v) => (missing(v) ? DASH : t(v === 1 ? 'common.day' : 'common.days', { n: intFormat.format(v) })),
  /** yyyy-MM-dd as dd-mm-aaaa (Spanish) or "Dec 3, 2026" (English), without time-zone shifts. */
  date: (iso) => (iso ? dateFormat.format(isoToUtc(iso)) : DASH),
  shortDate: (iso) => (iso ? shortDateFormat.format(isoToUtc(iso)) : DASH),
  /** yyyy-MM as "dic 2026" / "Dec 2026". */
  month: (iso) => (iso ? monthFormat.format(isoToUtc(iso)) : DASH),
  /** A KPI value in its API unit: CLP, days, % (already × 100), ratio (fraction), count. */
  kpi(value, unit) {
    switch (unit) {
      case 'CLP': return fmt.clp(value);
      case 'days': return fmt.days(value);
      case '%': return fmt.percent(value);
      case 'ratio': return fmt.ratio(value);
      default: return fmt.int(value);
    }
  }
};

function percentText(points) {
  const n = oneDecimal.format(points);
  return lang === 'es' ? `${n}\u00a0%` : `${n}%`;
}

/** Today in America/Santiago as yyyy-MM-dd (business dates are Chilean). */
export function today() {
  return santiagoDay.format(new Date());
}

/** iso (yyyy-MM-dd) plus n days. */
export function addDays(iso, n) {
  const d = isoToUtc(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ API

/** An answer other than 2xx; body is the API's {status, field, reason} when it sent one. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.reason) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function toLogin() {
  window.location.assign('/login.html');
  return new Promise(() => {}); // the page is going away: never settle, so no error state flashes
}

async function readBody(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

// X-Requested-With asks Spring Security for a bare 401 instead of a Basic challenge (no browser password prompt)
const JSON_HEADERS = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

/** GET path as JSON; 401 sends the browser to the login page, other errors throw ApiError. */
export async function getJson(path) {
  const response = await fetch(path, { headers: JSON_HEADERS, credentials: 'same-origin' });
  if (response.status === 401) return toLogin();
  const body = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * The CSRF token for the X-XSRF-TOKEN header: the XSRF-TOKEN cookie when the browser has it, otherwise asked from
 * GET /api/v1/csrf ({token, headerName, parameterName}), which also sets the cookie.
 */
export async function csrf() {
  const fromCookie = cookie('XSRF-TOKEN');
  if (fromCookie) return { token: fromCookie, headerName: 'X-XSRF-TOKEN' };
  const body = await getJson('/api/v1/csrf');
  return { token: cookie('XSRF-TOKEN') || body.token, headerName: body.headerName || 'X-XSRF-TOKEN' };
}

async function post(path, body, token) {
  const headers = { ...JSON_HEADERS, [token.headerName]: token.token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, {
    method: 'POST', headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}

/**
 * POST body as JSON with the CSRF header. Answers {status, body}; 401 goes to the login page. On 403 the token may
 * be stale (it changes at login) or in the other form the server expects (raw cookie value or the masked value of
 * /api/v1/csrf): both fresh values are tried once. A request rejected for CSRF was not executed, so this never
 * records twice.
 */
export async function postJson(path, body) {
  const first = await csrf();
  let response = await post(path, body, first);
  if (response.status === 403) {
    const fresh = await getJson('/api/v1/csrf');
    const headerName = fresh.headerName || 'X-XSRF-TOKEN';
    const tried = new Set([first.token]);
    for (const token of [cookie('XSRF-TOKEN'), fresh.token]) {
      if (!token || tried.has(token)) continue;
      tried.add(token);
      response = await post(path, body, { token, headerName });
      if (response.status !== 403) break;
    }
  }
  if (response.status === 401) return toLogin();
  return { status: response.status, body: await readBody(response) };
}

// ------------------------------------------------------------------ DOM

/** el('a', {href: '…', class: 'x', dataset: {kpi: 'y'}}, 'text', child…): a new element. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (value === true) node.setAttribute(key, '');
      else node.setAttribute(key, value);
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

/** A one-cell table row spanning the table: loading, empty or error text. */
export function messageRow(columns, text, kind = 'empty') {
  return el('tr', { class: `message ${kind}` }, el('td', { colspan: columns }, text));
}

/** A message block inside a panel (chart or list): "Sin datos todavía.", an error… */
export function message(text, kind = 'empty') {
  return el('p', { class: `panel-message ${kind}`, role: kind === 'error' ? 'alert' : null }, text);
}

/**
 * Error text for an ApiError or network failure: the API's own reason for a request it refused (400, 409), which
 * says what to fix; fixed texts otherwise (a 5xx reason is not meant for users).
 */
export function errorText(error) {
  if (!(error instanceof ApiError)) return t('common.error');
  if (error.status === 404) return t('common.notFound');
  if (error.status === 403) return t('common.forbidden');
  if ((error.status === 400 || error.status === 409) && error.body && error.body.reason) return error.body.reason;
  return t('common.error');
}

/** "CSV · Excel" links of an exportable endpoint (path without format); query keeps the page's filters. */
export function exportLinks(path, name, query) {
  const base = new URLSearchParams(query || '');
  const link = (format, label, title) => {
    const q = new URLSearchParams(base);
    q.set('format', format);
    return el('a', { href: `${path}?${q}`, class: 'export', download: '', title: t(title, { name }), 'aria-label': t(title, { name }), dataset: { format } }, t(label));
  };
  return el('span', { class: 'exports' }, link('csv', 'common.csv', 'common.exportCsv'), link('xlsx', 'common.xlsx', 'common.exportXlsx'));
}

export const query = new URLSearchParams(window.location.search);

// ------------------------------------------------------------------ header

const NAV = {
  portfolio: { href: () => '/portfolio.html', label: 'nav.portfolio' },
  dashboard: { href: (me) => (me.role === 'OWNER' && me.clients.length ? `/dashboard.html?client=${encodeURIComponent(me.clients[0].clientId)}` : '/dashboard.html'), label: 'nav.dashboard' },
  worklist: { href: () => '/worklist.html', label: 'nav.worklist' }
};

const NAV_BY_ROLE = {
  OWNER: ['dashboard'],
  ACCOUNT_MANAGER: ['portfolio', 'dashboard', 'worklist'],
  COLLECTOR: ['worklist'],
  ADMIN: ['portfolio', 'dashboard', 'worklist']
};

/** The page the role starts on. */
export function homeOf(me) {
  if (me.role === 'OWNER') return NAV.dashboard.href(me);
  if (me.role === 'COLLECTOR') return '/worklist.html';
  return '/portfolio.html';
}

function languageSwitch() {
  const select = el('select', { id: 'lang-switch', class: 'lang', 'aria-label': t('lang.label') },
    LANGS.map((l) => el('option', { value: l, selected: l === lang }, t(`lang.${l}`))));
  select.addEventListener('change', () => {
    setLang(select.value);
    window.location.reload();
  });
  return select;
}

async function logout() {
  try {
    await postJson('/logout');
  } finally {
    window.location.assign('/login.html?logout');
  }
}

function renderHeader(me, current) {
  const header = $('app-header');
  const nav = el('nav', { class: 'nav', 'aria-label': t('nav.label') },
    (NAV_BY_ROLE[me.role] || []).map((key) => el('a', {
      href: NAV[key].href(me), 'aria-current': key === current ? 'page' : null, dataset: { nav: key }
    }, t(NAV[key].label))));
  const user = el('div', { class: 'user' },
    el('span', { class: 'user-name', id: 'user-name' }, me.displayName || me.username),
    el('span', { class: 'user-role', id: 'user-role', dataset: { role: me.role } }, t(`role.${me.role}`)));
  const actions = el('div', { class: 'header-actions' }, user, languageSwitch(),
    el('button', { type: 'button', class: 'button subtle', id: 'logout', onclick: logout }, t('nav.logout')));
  header.querySelector('.nav-slot').replaceChildren(nav);
  header.querySelector('.actions-slot').replaceChildren(actions);
}

/**
 * Start a signed-in page: translate its static texts, fetch /api/v1/me and draw the header with the navigation of
 * the role. Answers me ({username, displayName, role, clients}).
 */
export async function startPage(current) {
  translate();
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = t(title.dataset.i18n);
  const me = await getJson('/api/v1/me');
  me.clients = me.clients || [];
  renderHeader(me, current);
  document.body.dataset.role = me.role;
  return me;
}

/** Tell the browser tests every panel has loaded (with data or with its error/empty state). */
export function markReady(charts) {
  window.cobranza = { charts: charts || {}, ready: true };
  document.body.dataset.ready = 'true';
}

// ------------------------------------------------------------------ charts

/** Colours shared by charts and styles (app.css uses the same values). */
export const palette = {
  open: '#2f6db3',
  overdue: '#c4553f',
  ok: '#2e7d5b',
  muted: '#6b7280',
  text: '#1c2433',
  line: '#e3e8ef',
  aging: ['#4f8fcf', '#f2c14e', '#eb9a4a', '#d9703f', '#b94a3b', '#7d2d35'],
  series: ['#2f6db3', '#2e9c8f', '#8a6fc4', '#d08a2d', '#c4553f', '#5b7083', '#3f9fd6', '#a3566f', '#6b9c3f', '#b57f3c', '#4a5fb3', '#2b7a78']
};

/** An ECharts instance on the element with this id that follows its container's size; null without ECharts. */
export function chart(id) {
  if (!window.echarts) return null;
  const container = $(id);
  const instance = window.echarts.init(container, null, { renderer: 'canvas' });
  new ResizeObserver(() => instance.resize()).observe(container);
  return instance;
}

/** Text style shared by every chart. */
export const chartText = {
  textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: palette.text },
  animationDuration: 300
};
