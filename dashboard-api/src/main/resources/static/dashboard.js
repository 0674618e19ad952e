// Owner dashboard of one client: KPI tiles kept live over server-sent events, aging, DSO and collections
// trend, recovery per placement cohort and the most overdue debtors. One request per panel.
import {
  $, addDays, chart, chartText, el, errorText, exportLinks, fmt, getJson, markReady, messageRow, palette,
  query, startPage, t, today
} from './app.js';
import { kpiName } from './i18n.js';

/** The tiles, in order; tone colours the top border. */
const TILES = [
  { id: 'open_receivables', tone: 'open' },
  { id: 'overdue_receivables', tone: 'overdue' },
  { id: 'dso_countback', tone: 'speed' },
  { id: 'weighted_dpd', tone: 'overdue' },
  { id: 'period_recovery_rate', tone: 'result' },
  { id: 'cei', tone: 'result' },
  { id: 'cost_per_invoice', tone: 'speed' },
  { id: 'promise_kept_rate', tone: 'result' }
];
const DAILY_DAYS = 365; // a year of daily rows: 12 months of aging, a zoomable trend
const TREND_VISIBLE_DAYS = 90;
const AGING_RECENT_DAYS = 30;
const MAX_COHORTS = 12;
const TOP_DEBTORS = 10;
const RETRY_CLOSED_MS = 15000;

const charts = {};
let clientId = null;
let lastUpdate = null;

// ------------------------------------------------------------------ tiles

function buildTiles() {
  const tiles = TILES.map(({ id, tone }) => el('div', {
    class: 'tile', tabindex: '0', dataset: { kpi: id, value: '', tone }, 'aria-describedby': `def-${id}`
  },
  el('p', { class: 'label', id: `label-${id}` }, kpiName(id)),
  el('p', { class: 'value', id: `value-${id}`, 'aria-labelledby': `label-${id}` }, '—'),
  el('p', { class: 'period', id: `period-${id}` }, ''),
  el('p', { class: 'visually-hidden', id: `def-${id}` }, '')));
  $('tiles').replaceChildren(...tiles);
}

function periodText(period) {
  if (!period) return '';
  return period.length === 7 ? t('dashboard.periodMonth', { month: fmt.month(period) }) : t('dashboard.periodDay', { date: fmt.date(period) });
}

/** Show a /kpis body (from the first fetch or the stream) in the tiles. */
function renderTiles(body) {
  const byId = new Map((body.kpis || []).map((k) => [k.id, k]));
  for (const { id } of TILES) {
    const tile = document.querySelector(`.tile[data-kpi="${id}"]`);
    const k = byId.get(id);
    const raw = k && k.value !== null && k.value !== undefined ? String(k.value) : '';
    const changed = tile.dataset.value !== raw;
    tile.dataset.value = raw;
    if (!k) continue;
    const name = kpiName(id, k.name);
    $(`label-${id}`).textContent = name;
    $(`value-${id}`).textContent = fmt.kpi(k.value, k.unit);
    $(`period-${id}`).textContent = periodText(k.period);
    $(`def-${id}`).textContent = k.definition || '';
    tile.title = k.definition ? `${name}: ${k.definition}` : name;
    if (changed && lastUpdate) {
      tile.classList.remove('flash');
      requestAnimationFrame(() => tile.classList.add('flash'));
    }
  }
  $('as-of').textContent = fmt.date(body.asOf);
  if (body.name) $('client-name').textContent = body.name;
}

async function loadTiles() {
  try {
    const body = await getJson(`/api/v1/clients/${encodeURIComponent(clientId)}/kpis`);
    renderTiles(body);
    touch();
    return true;
  } catch (error) {
    showPageError(errorText(error));
    $('live').hidden = true; // nothing to keep live
    return false;
  }
}

function showPageError(text) {
  const box = $('page-error');
  box.textContent = text;
  box.hidden = false;
}

// ------------------------------------------------------------------ live

function touch() {
  lastUpdate = Date.now();
  tick();
}

function tick() {
  if (!lastUpdate) return;
  const seconds = Math.max(0, Math.round((Date.now() - lastUpdate) / 1000));
  const ago = seconds < 120 ? t('dashboard.updatedAgo', { n: seconds }) : t('dashboard.updatedAgoMin', { n: Math.floor(seconds / 60) });
  $('live-text').textContent = $('live').dataset.state === 'live' ? `${t('dashboard.live')} · ${ago}` : ago;
}

function setLive(state) {
  const live = $('live');
  live.dataset.state = state;
  const badge = $('reconnecting');
  badge.hidden = state === 'live';
  badge.textContent = t(state === 'closed' ? 'dashboard.disconnected' : 'dashboard.reconnecting');
  tick();
}

function connect() {
  const source = new EventSource(`/api/v1/clients/${encodeURIComponent(clientId)}/kpis/stream`);
  source.addEventListener('open', () => setLive('live'));
  source.addEventListener('kpis', (event) => {
    let body;
    try {
      body = JSON.parse(event.data);
    } catch (e) {
      return; // a malformed event: keep the last good values
    }
    setLive('live');
    renderTiles(body);
    touch();
    document.body.dataset.updated = new Date().toISOString();
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED) {
      setLive('connecting'); // the browser reconnects by itself
      return;
    }
    // an HTTP error ends the stream for good: find out whether the session expired (→ login), else retry later
    setLive('closed');
    getJson('/api/v1/me').then(() => setTimeout(connect, RETRY_CLOSED_MS), () => setTimeout(connect, RETRY_CLOSED_MS));
  });
}

// ------------------------------------------------------------------ charts

function showChartMessage(name, text, kind) {
  const box = $(`${name}-message`);
  box.textContent = text || '';
  box.hidden = !text;
  box.classList.toggle('error', kind === 'error');
}

function agingName(label) {
  return label === 'current' ? t('aging.current') : t('aging.bucket', { label });
}

const clpAxis = { type: 'value', axisLabel: { formatter: (v) => fmt.clpCompact(v), color: palette.muted }, splitLine: { lineStyle: { color: palette.line } } };
const categoryAxis = (data) => ({ type: 'category', data, axisTick: { show: false }, axisLine: { lineStyle: { color: palette.line } }, axisLabel: { color: palette.muted } });
const legend = { top: 0, left: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10, textStyle: { color: palette.muted } };

let dailySeries = null;
let agingMode = 'monthly';

function renderAging() {
  if (!charts.aging || !dailySeries) return;
  const { agingLabels, rows } = dailySeries;
  let picked;
  let labels;
  if (agingMode === 'monthly') {
    const lastOfMonth = new Map();
    for (const row of rows) lastOfMonth.set(row.day.slice(0, 7), row); // rows are oldest first: the last one wins
    picked = [...lastOfMonth.values()];
    labels = [...lastOfMonth.keys()].map(fmt.month);
  } else {
    picked = rows.slice(-AGING_RECENT_DAYS);
    labels = picked.map((r) => fmt.shortDate(r.day));
  }
  charts.aging.setOption({
    ...chartText,
    color: palette.aging,
    legend,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmt.clp(v) },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    xAxis: categoryAxis(labels),
    yAxis: clpAxis,
    series: agingLabels.map((label, i) => ({
      name: agingName(label), type: 'bar', stack: 'aging', barMaxWidth: 36,
      emphasis: { focus: 'series' }, data: picked.map((r) => (r.agingClp ? r.agingClp[i] : null))
    }))
  }, { notMerge: true });
}

function setAgingMode(mode) {
  agingMode = mode;
  $('aging-monthly').setAttribute('aria-pressed', String(mode === 'monthly'));
  $('aging-daily').setAttribute('aria-pressed', String(mode === 'daily'));
  renderAging();
}

function renderTrend() {
  const rows = dailySeries.rows;
  const days = rows.map((r) => r.day);
  const start = rows.length > TREND_VISIBLE_DAYS ? 100 - (TREND_VISIBLE_DAYS / rows.length) * 100 : 0;
  charts.trend.setOption({
    ...chartText,
    color: [palette.series[0], palette.overdue, '#9fc2e4'],
    legend,
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const lines = items.map((p) => `${p.marker} ${p.seriesName}: <b>${p.seriesIndex === 2 ? fmt.clp(p.value) : fmt.days(p.value)}</b>`);
        return [fmt.date(days[items[0].dataIndex]), ...lines].join('<br>');
      }
    },
    grid: { left: 8, right: 8, top: 36, bottom: 44, containLabel: true },
    dataZoom: [
      { type: 'inside', start, end: 100 },
      { type: 'slider', start, end: 100, height: 18, bottom: 6, labelFormatter: (i) => fmt.shortDate(days[i]), borderColor: palette.line }
    ],
    xAxis: { ...categoryAxis(days), axisLabel: { color: palette.muted, formatter: (d) => fmt.shortDate(d) } },
    yAxis: [
      { type: 'value', axisLabel: { color: palette.muted, formatter: (v) => fmt.int(v) }, splitLine: { lineStyle: { color: palette.line } } },
      { ...clpAxis, splitLine: { show: false } }
    ],
    series: [
      { name: t('series.dso'), type: 'line', showSymbol: false, smooth: false, lineStyle: { width: 2 }, data: rows.map((r) => r.dsoCountback), z: 3 },
      { name: t('series.wdpd'), type: 'line', showSymbol: false, lineStyle: { width: 2 }, data: rows.map((r) => r.weightedDpd), z: 3 },
      { name: t('series.collected'), type: 'bar', yAxisIndex: 1, barMaxWidth: 8, data: rows.map((r) => r.collectedClp), z: 1 }
    ]
  }, { notMerge: true });
}

async function loadDaily() {
  const to = today();
  const from = addDays(to, -(DAILY_DAYS - 1));
  const path = `/api/v1/clients/${encodeURIComponent(clientId)}/kpis/daily`;
  const range = { from, to };
  $('aging-exports').replaceChildren(exportLinks(path, t('dashboard.daily'), range));
  $('trend-exports').replaceChildren(exportLinks(path, t('dashboard.daily'), range));
  try {
    const body = await getJson(`${path}?${new URLSearchParams(range)}`);
    dailySeries = { agingLabels: body.agingLabels || [], rows: body.rows || [] };
    if (dailySeries.rows.length === 0) {
      showChartMessage('aging', t('common.empty'));
      showChartMessage('trend', t('common.empty'));
      return;
    }
    showChartMessage('aging', null);
    showChartMessage('trend', null);
    if (charts.aging) renderAging();
    if (charts.trend) renderTrend();
  } catch (error) {
    showChartMessage('aging', errorText(error), 'error');
    showChartMessage('trend', errorText(error), 'error');
  }
}

async function loadCohorts() {
  const path = `/api/v1/clients/${encodeURIComponent(clientId)}/kpis/cohorts`;
  $('cohorts-exports').replaceChildren(exportLinks(path, t('dashboard.cohortTable')));
  try {
    const body = await getJson(path);
    // unmatured horizons are left out (null breaks the line); cohorts with nothing matured draw nothing
    const rows = (body.rows || [])
      .map((row) => ({ row, points: row.horizons.map((h) => (h.matured && h.rate !== null && h.rate !== undefined ? h.rate * 100 : null)) }))
      .filter(({ points }) => points.some((p) => p !== null))
      .slice(-MAX_COHORTS);
    if (rows.length === 0) {
      showChartMessage('cohorts', t('common.empty'));
      return;
    }
    showChartMessage('cohorts', null);
    if (!charts.cohorts) return;
    const horizons = rows[0].row.horizons.map((h) => t('horizon', { n: h.days }));
    charts.cohorts.setOption({
      ...chartText,
      color: palette.series,
      legend: { ...legend, type: 'scroll', orient: 'vertical', left: 'auto', right: 0, top: 8, bottom: 8 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.percent(v) },
      grid: { left: 8, right: 110, top: 12, bottom: 4, containLabel: true },
      xAxis: { ...categoryAxis(horizons), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: palette.muted, formatter: (v) => fmt.percent(v) }, splitLine: { lineStyle: { color: palette.line } } },
      series: rows.map(({ row, points }) => ({
        name: fmt.month(row.cohort), type: 'line', symbolSize: 6, connectNulls: false, data: points, emphasis: { focus: 'series' }
      }))
    }, { notMerge: true });
  } catch (error) {
    showChartMessage('cohorts', errorText(error), 'error');
  }
}

// ------------------------------------------------------------------ debtors

async function loadDebtors() {
  const path = `/api/v1/clients/${encodeURIComponent(clientId)}/debtors`;
  $('debtors-exports').replaceChildren(exportLinks(path, t('dashboard.debtorTable'), { limit: 500 }));
  const body = $('debtors-rows');
  body.replaceChildren(messageRow(5, t('common.loading')));
  try {
    const data = await getJson(`${path}?limit=${TOP_DEBTORS}`);
    const debtors = data.debtors || [];
    if (debtors.length === 0) {
      body.replaceChildren(messageRow(5, t('common.empty')));
      return;
    }
    body.replaceChildren(...debtors.map((d) => el('tr', { dataset: { debtor: d.debtorId } },
      el('td', { class: 'stacked' },
        el('a', { href: `/debtor.html?${new URLSearchParams({ client: clientId, debtor: d.debtorId })}` }, d.name || d.debtorId),
        el('span', { class: 'muted small' }, d.rut ? t('debtor.rut', { rut: d.rut }) : '')),
      el('td', { class: `num${d.overdueClp > 0 ? ' overdue-text' : ''}` }, fmt.clp(d.overdueClp)),
      el('td', { class: 'num' }, fmt.clp(d.openClp)),
      el('td', { class: 'num' }, fmt.days(d.weightedDpd)),
      el('td', { class: 'num' }, fmt.wholeDays(d.maxDpd)))));
  } catch (error) {
    body.replaceChildren(messageRow(5, errorText(error), 'error'));
  }
}

function renderDownloads() {
  const base = `/api/v1/clients/${encodeURIComponent(clientId)}`;
  const to = today();
  const items = [
    [t('dashboard.daily'), `${base}/kpis/daily`, { from: addDays(to, -(DAILY_DAYS - 1)), to }],
    [t('dashboard.monthly'), `${base}/kpis/monthly`, null],
    [t('dashboard.cohortTable'), `${base}/kpis/cohorts`, null],
    [t('dashboard.debtorTable'), `${base}/debtors`, { limit: 500 }]
  ];
  $('downloads').replaceChildren(...items.map(([name, path, q]) => el('li', null, el('span', null, name), exportLinks(path, name, q))));
}

// ------------------------------------------------------------------ start

function clientPicker(me) {
  if (me.clients.length < 2) return;
  const select = $('client-select');
  select.replaceChildren(...me.clients.map((c) => el('option', { value: c.clientId, selected: c.clientId === clientId }, c.name || c.clientId)));
  select.addEventListener('change', () => window.location.assign(`/dashboard.html?client=${encodeURIComponent(select.value)}`));
  $('client-picker').hidden = false;
}

async function main() {
  buildTiles();
  const me = await startPage('dashboard');
  clientId = query.get('client') || (me.clients[0] && me.clients[0].clientId);
  if (!clientId) {
    showPageError(t(me.clients.length ? 'dashboard.noClient' : 'common.noClients'));
    for (const name of ['aging', 'trend', 'cohorts']) showChartMessage(name, t('common.empty'));
    $('debtors-rows').replaceChildren(messageRow(5, t('common.empty')));
    $('live').hidden = true;
    markReady(charts);
    return;
  }
  if (!query.get('client')) history.replaceState(null, '', `?client=${encodeURIComponent(clientId)}`);
  const known = me.clients.find((c) => c.clientId === clientId);
  $('client-name').textContent = known ? known.name || clientId : clientId;
  clientPicker(me);
  renderDownloads();

  charts.aging = chart('chart-aging');
  charts.trend = chart('chart-trend');
  charts.cohorts = chart('chart-cohorts');
  $('aging-monthly').addEventListener('click', () => setAgingMode('monthly'));
  $('aging-daily').addEventListener('click', () => setAgingMode('daily'));

  const tiles = loadTiles();
  await Promise.allSettled([tiles, loadDaily(), loadCohorts(), loadDebtors()]);
  markReady(charts);
  setInterval(tick, 1000);
  if (await tiles) connect();
}

main().catch((error) => {
  showPageError(errorText(error));
  markReady(charts);
});
