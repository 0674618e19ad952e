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
const santiagoTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Santiago', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const instantFormat = new Intl.DateTimeFormat(locale, lang === 'es'
  ? { timeZone: 'America/Santiago', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
  : { timeZone: 'America/Santiago', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });

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
  /** An ISO instant in Santiago time: "08-12-2026 10:00" (Spanish) or "Dec 8, 2026, 10:00 AM" (English). */
  dateTime: (iso) => (iso ? instantText(new Date(iso)) : DASH),
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

function instantText(date) {
  if (Number.isNaN(date.getTime())) return DASH;
  if (lang !== 'es') return instantFormat.format(date);
  const part = Object.fromEntries(instantFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}-${part.month}-${part.year} ${part.hour}:${part.minute}`;
}

function percentText(points) {
  const n = oneDecimal.format(points);
  return lang === 'es' ? `${n}\u00a0%` : `${n}%`;
}

/** Today in America/Santiago as yyyy-MM-dd (business dates are Chilean). */
export function today() {
  return santiagoDay.format(new Date());
}

/** The time now in America/Santiago as HH:mm (contact hours are Chilean). */
export function nowTime() {
  return santiagoTime.format(new Date());
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

async function send(method, path, body, token) {
  const headers = { ...JSON_HEADERS, [token.headerName]: token.token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, {
    method, headers, credentials: 'same-origin',
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
  return sendJson('POST', path, body);
}

/** Like postJson with another method (PUT). */
export async function sendJson(method, path, body) {
  const first = await csrf();
  let response = await send(method, path, body, first);
  if (response.status === 403) {
    const fresh = await getJson('/api/v1/csrf');
    const headerName = fresh.headerName || 'X-XSRF-TOKEN';
    const tried = new Set([first.token]);
    for (const token of [cookie('XSRF-TOKEN'), fresh.token]) {
      if (!token || tried.has(token)) continue;
      tried.add(token);
      response = await send(method, path, body, { token, headerName });
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

// ------------------------------------------------------------------ icons

// 24×24 stroke icons of the collection channels and of a policy's stop or block
const CHANNEL_ICONS = {
  CALL: 'M5 4h4l2 5l-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  EMAIL: 'M3 5h18v14H3z M3 7l9 6l9-6',
  SMS: 'M4 5h16v11H9l-5 4z M8 10.5h.01 M12 10.5h.01 M16 10.5h.01',
  WHATSAPP: 'M3 21l1.65-3.8a9 9 0 1 1 3.4 2.9z M9 10a.5.5 0 0 0 1 0v-1a.5.5 0 0 0-1 0zm0 0a5 5 0 0 0 5 5m0 0h1a.5.5 0 0 0 0-1h-1a.5.5 0 0 0 0 1',
  VISIT: 'M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z M12 7.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5z',
  LETTER: 'M7 3h7l4 4v14H7z M14 3v4h4 M10 12h5 M10 16h5',
  LEGAL_FILING: 'M12 3v18 M7 21h10 M5 7h14 M5 7l-3 7a3 3 0 0 0 6 0z M19 7l-3 7a3 3 0 0 0 6 0z',
  STOP: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M5.6 5.6l12.8 12.8',
  BLOCKED: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 7v5l3 2'
};

/** A small stroke icon drawn from an SVG path {@code d}; decorative. */
export function strokeIcon(d, size = 16, cls = null) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  if (cls) svg.setAttribute('class', cls);
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
}

/** A small stroke icon (16 px) for a channel (CALL, EMAIL…) or STOP / BLOCKED; decorative. */
export function channelIcon(name, size = 16) {
  return strokeIcon(CHANNEL_ICONS[name] || CHANNEL_ICONS.SMS, size, 'ch-icon');
}

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

/** Whether the signed-in user (GET /api/v1/me) has a permission (RECORD_WORK, MANAGE_COLLECTION…). */
export function can(me, permission) {
  return Array.isArray(me.permissions) && me.permissions.includes(permission);
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
