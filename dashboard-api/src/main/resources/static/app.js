// Cobranza dashboard: receivables per client, live over server-sent events. No build step.
(function () {
  'use strict';

  const clp = new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP' });
  const clpCompact = new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP', notation: 'compact' });
  const integer = new Intl.NumberFormat('es-CL');
  const percent = new Intl.NumberFormat('es-CL', { style: 'percent', maximumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat('es-CL', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  const decimal = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });

  const $ = (id) => document.getElementById(id);
  let chart = null;

  // KPI table: the columns are the th[data-kpi] of index.html; values come from /api/v1/clients/{id}/kpis
  const KPI_REFRESH_MS = 60000;
  let definitions = {};
  let kpiClients = '';
  let kpiLoadedAt = 0;

  // ISO yyyy-MM-dd to the Chilean dd-mm-yyyy, without time-zone conversion
  function chileanDate(iso) {
    if (!iso) return '—';
    const [y, m, d] = iso.split('-');
    return `${d}-${m}-${y}`;
  }

  function share(part, whole) {
    return whole > 0 ? percent.format(part / whole) : '—';
  }

  function invoices(n, word) {
    return `${integer.format(n)} ${n === 1 ? 'factura' : 'facturas'} ${word}`;
  }

  function setStatus(state, text) {
    $('status').dataset.state = state;
    $('status-text').textContent = text;
  }

  function renderTiles(data) {
    const t = data.totals;
    $('as-of').textContent = chileanDate(data.asOf);
    $('total-open').textContent = clp.format(t.openClp);
    $('total-open-invoices').textContent = invoices(t.openInvoices, t.openInvoices === 1 ? 'abierta' : 'abiertas');
    $('total-overdue').textContent = clp.format(t.overdueClp);
    $('total-overdue-invoices').textContent = invoices(t.overdueInvoices, t.overdueInvoices === 1 ? 'vencida' : 'vencidas');
    $('total-overdue-share').textContent = share(t.overdueClp, t.openClp);
    $('total-clients').textContent = integer.format(data.clients.length);
    $('definition').textContent = data.definition;
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderTable(data) {
    const body = $('rows');
    body.replaceChildren();
    if (data.clients.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('Sin clientes todavía.', 'empty');
      td.colSpan = 7;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    for (const c of data.clients) {
      const tr = document.createElement('tr');
      tr.append(
        cell(c.name || c.clientId),
        cell(clp.format(c.openClp), 'num'),
        cell(clp.format(c.overdueClp), c.overdueClp > 0 ? 'num overdue' : 'num'),
        cell(share(c.overdueClp, c.openClp), 'num'),
        cell(integer.format(c.openInvoices), 'num'),
        cell(integer.format(c.overdueInvoices), 'num'),
        cell(chileanDate(c.asOf), 'num'));
      body.appendChild(tr);
    }
  }

  function renderChart(data) {
    if (!window.echarts) return; // the library failed to load: tiles and table still work
    if (!chart) {
      chart = echarts.init($('chart'));
      window.addEventListener('resize', () => chart.resize());
    }
    const names = data.clients.map((c) => c.name || c.clientId);
    chart.setOption({
      color: ['#2563eb', '#d1495b'],
      animationDuration: 300,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => clp.format(v) },
      legend: { top: 0, data: ['Por cobrar', 'Vencido'] },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => clpCompact.format(v) } },
      series: [
        { name: 'Por cobrar', type: 'bar', barMaxWidth: 42, data: data.clients.map((c) => c.openClp) },
        { name: 'Vencido', type: 'bar', barMaxWidth: 42, data: data.clients.map((c) => c.overdueClp) }
      ]
    });
  }

  // a KPI value in its unit; null (undefined ratio, no data yet) shows as a dash
  function formatKpi(value, unit) {
    if (value === null || value === undefined) return '—';
    switch (unit) {
      case 'CLP': return clp.format(Math.round(value));
      case 'days': return `${decimal.format(value)} días`;
      case '%': return `${decimal.format(value)} %`;
      case 'ratio': return percent.format(value);
      default: return integer.format(value);
    }
  }

  function kpiColumns() {
    return Array.from(document.querySelectorAll('th[data-kpi]')).map((th) => th.dataset.kpi);
  }

  async function loadDefinitions() {
    const response = await fetch('/api/v1/kpis/definitions', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    for (const d of await response.json()) definitions[d.id] = d;
    for (const th of document.querySelectorAll('th[data-kpi]')) {
      const d = definitions[th.dataset.kpi];
      if (d) th.title = `${d.name}: ${d.definition}`;
    }
  }

  async function clientKpis(client, asOf) {
    const path = `/api/v1/clients/${encodeURIComponent(client.clientId)}/kpis?asOf=${encodeURIComponent(asOf)}`;
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) return { client, kpis: null };
    const body = await response.json();
    const byId = {};
    for (const k of body.kpis) byId[k.id] = k;
    return { client, kpis: byId };
  }

  function renderKpiTable(results) {
    const body = $('kpi-rows');
    body.replaceChildren();
    const columns = kpiColumns();
    if (results.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('Sin clientes todavía.', 'empty');
      td.colSpan = columns.length + 1;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    for (const { client, kpis } of results) {
      const tr = document.createElement('tr');
      tr.appendChild(cell(client.name || client.clientId));
      for (const id of columns) {
        const k = kpis && kpis[id];
        const td = cell(k ? formatKpi(k.value, k.unit) : '—', 'num');
        if (k) td.title = `${k.name}${k.period ? ` (${k.period})` : ''}: ${k.definition}`;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  // one request per client, at most once a minute or when the client list changes: the stream may tick every second
  async function refreshKpis(data) {
    const clients = data.clients.map((c) => c.clientId).join(',');
    if (clients === kpiClients && Date.now() - kpiLoadedAt < KPI_REFRESH_MS) return;
    kpiClients = clients;
    kpiLoadedAt = Date.now();
    try {
      renderKpiTable(await Promise.all(data.clients.map((c) => clientKpis(c, data.asOf))));
    } catch (e) {
      kpiLoadedAt = 0; // try again with the next update
    }
  }

  function render(data) {
    renderTiles(data);
    renderTable(data);
    renderChart(data);
    refreshKpis(data);
    setStatus('live', `En vivo · Actualizado ${clock.format(new Date())}`);
  }

  function connect() {
    // same origin: the login session cookie authenticates the stream
    const source = new EventSource('/api/v1/receivables/stream');
    source.addEventListener('receivables', (event) => render(JSON.parse(event.data)));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // the browser does not retry after an HTTP error (e.g. the session expired)
        setStatus('closed', 'Desconectado · recargue la página');
      } else {
        setStatus('connecting', 'Reconectando…');
      }
    };
  }

  document.addEventListener('DOMContentLoaded', () => {
    loadDefinitions().catch(() => { /* the table still shows values, without tooltips */ });
    connect();
  });
})();
