// Every client of the account manager side by side: each KPI with the client's percentile within the agency,
// a sparkline of overdue receivables, sortable by any column. One request: GET /api/v1/portfolio.
import { $, el, errorText, exportLinks, fmt, getJson, markReady, messageRow, palette, startPage, t } from './app.js';
import { kpiName } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const SPARK_W = 104;
const SPARK_H = 28;

let data = null;
let sort = { key: null, direction: 'none' }; // key: 'name' or a KPI id

/**
 * 1 (worst) … 5 (best). The API already ranks in the KPI's good direction (p100 = best in the agency); KPIs that
 * only measure size (higherIsBetter null) are not coloured: 3.
 */
function band(percentile, higherIsBetter) {
  if (percentile === null || percentile === undefined) return null;
  if (higherIsBetter === null || higherIsBetter === undefined) return 3;
  return 1 + Math.min(4, Math.floor(percentile / 20));
}

function sparkline(values, label) {
  const points = (values || []).filter((v) => v !== null && v !== undefined);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', SPARK_W);
  svg.setAttribute('height', SPARK_H);
  svg.setAttribute('viewBox', `0 0 ${SPARK_W} ${SPARK_H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  if (points.length < 2) return svg;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const x = (i) => 1 + (i * (SPARK_W - 4)) / (points.length - 1);
  const y = (v) => (max === min ? SPARK_H / 2 : 3 + ((max - v) * (SPARK_H - 6)) / (max - min));
  const line = points.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const area = document.createElementNS(SVG, 'polygon');
  area.setAttribute('points', `${x(0)},${SPARK_H} ${line} ${x(points.length - 1)},${SPARK_H}`);
  area.setAttribute('fill', palette.overdue);
  area.setAttribute('fill-opacity', '0.1');
  const polyline = document.createElementNS(SVG, 'polyline');
  polyline.setAttribute('points', line);
  polyline.setAttribute('fill', 'none');
  polyline.setAttribute('stroke', palette.overdue);
  polyline.setAttribute('stroke-width', '1.5');
  polyline.setAttribute('stroke-linejoin', 'round');
  const dot = document.createElementNS(SVG, 'circle');
  dot.setAttribute('cx', x(points.length - 1));
  dot.setAttribute('cy', y(points[points.length - 1]));
  dot.setAttribute('r', '2.2');
  dot.setAttribute('fill', palette.overdue);
  svg.append(area, polyline, dot);
  return svg;
}

function sortButton(key, label) {
  return el('button', { type: 'button', class: 'sort', onclick: () => toggleSort(key) }, label);
}

function renderHead() {
  const head = $('portfolio-head');
  const nameTh = el('th', { scope: 'col', class: 'sticky-col', dataset: { sort: 'name' } }, sortButton('name', t('common.client')));
  const sparkTh = el('th', { scope: 'col' }, t('portfolio.trend'));
  const kpiThs = data.kpis.map((k) => {
    const name = kpiName(k.id, k.name);
    return el('th', { scope: 'col', class: 'num', title: k.definition ? `${name}: ${k.definition}` : null, dataset: { kpi: k.id, sort: k.id } },
      sortButton(k.id, name));
  });
  head.replaceChildren(nameTh, sparkTh, ...kpiThs);
}

function updateSortState() {
  for (const th of $('portfolio-head').querySelectorAll('th[data-sort]')) {
    const active = th.dataset.sort === sort.key;
    th.setAttribute('aria-sort', active ? sort.direction : 'none');
  }
}

function sorted() {
  const clients = [...data.clients];
  if (!sort.key) return clients;
  const factor = sort.direction === 'ascending' ? 1 : -1;
  if (sort.key === 'name') {
    const collator = new Intl.Collator(document.documentElement.lang, { sensitivity: 'base' });
    return clients.sort((a, b) => factor * collator.compare(a.name || a.clientId, b.name || b.clientId));
  }
  const value = (c) => (c.values ? c.values[sort.key] : null);
  return clients.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || va === undefined) return vb === null || vb === undefined ? 0 : 1; // unknown values last
    if (vb === null || vb === undefined) return -1;
    return factor * (va - vb);
  });
}

function renderRows() {
  const body = $('portfolio-rows');
  const columns = data.kpis.length + 2;
  if (data.clients.length === 0) {
    body.replaceChildren(messageRow(columns, t('portfolio.empty')));
    return;
  }
  body.replaceChildren(...sorted().map((c) => {
    const name = c.name || c.clientId;
    const cells = data.kpis.map((k) => {
      const value = c.values ? c.values[k.id] : null;
      const percentile = c.percentiles ? c.percentiles[k.id] : null;
      const b = band(percentile, k.higherIsBetter);
      return el('td', { class: 'num', dataset: { kpi: k.id, value: value === null || value === undefined ? '' : String(value) } },
        el('span', { class: 'cell-value' },
          fmt.kpi(value, k.unit),
          b === null ? el('span', { class: 'pct', 'aria-hidden': 'true' }, '') : el('span', {
            class: 'pct', dataset: { band: String(b), percentile: String(percentile) },
            title: t('portfolio.percentile', { p: Math.round(percentile) }), 'aria-label': t('portfolio.percentile', { p: Math.round(percentile) })
          }, `p${Math.round(percentile)}`)));
    });
    return el('tr', { dataset: { client: c.clientId } },
      el('th', { scope: 'row', class: 'sticky-col' }, el('a', { href: `/dashboard.html?client=${encodeURIComponent(c.clientId)}` }, name)),
      el('td', null, sparkline(c.spark && c.spark.overdueClp, t('portfolio.sparkLabel', { name }))),
      ...cells);
  }));
}

function toggleSort(key) {
  sort = { key, direction: sort.key === key && sort.direction === 'ascending' ? 'descending' : 'ascending' };
  updateSortState();
  renderRows();
}

async function main() {
  await startPage('portfolio');
  $('portfolio-exports').replaceChildren(exportLinks('/api/v1/portfolio', t('portfolio.heading')));
  $('portfolio-rows').replaceChildren(messageRow(1, t('common.loading')));
  try {
    data = await getJson('/api/v1/portfolio');
    data.kpis = data.kpis || [];
    data.clients = data.clients || [];
    $('as-of').textContent = fmt.date(data.asOf);
    renderHead();
    updateSortState();
    renderRows();
  } catch (error) {
    $('portfolio-rows').replaceChildren(messageRow(1, errorText(error), 'error'));
  }
  markReady({});
}

main().catch((error) => {
  $('portfolio-rows').replaceChildren(messageRow(1, errorText(error), 'error'));
  markReady({});
});
