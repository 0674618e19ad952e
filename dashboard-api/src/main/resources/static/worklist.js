// The collector's worklist: open invoices, highest priority first, each with the reason for its priority.
// Filters live in the page URL (shareable, back button) and go unchanged to the API and the export links.
import { $, el, errorText, exportLinks, fmt, getJson, markReady, messageRow, startPage, t } from './app.js';

const FILTERS = ['clientId', 'stage', 'bucket', 'channel'];
const PASSED_ON = ['limit']; // taken from the URL as is, no control of its own
const STAGES = ['PREVENTIVE', 'EARLY_OVERDUE', 'EXTRAJUDICIAL'];
const BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '121+'];
const CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP', 'CALL', 'VISIT', 'LETTER', 'LEGAL_FILING'];
const COLUMNS = 9;

let request = 0; // only the newest request may draw the table

function options(select, allLabel, values, label) {
  select.replaceChildren(el('option', { value: '' }, allLabel), ...values.map((v) => el('option', { value: v }, label(v))));
}

function bucketName(bucket) {
  return bucket === 'current' ? t('aging.current') : t('aging.bucket', { label: bucket });
}

/** The filters of the URL, only those with a value. */
function currentFilters() {
  const url = new URLSearchParams(window.location.search);
  const filters = new URLSearchParams();
  for (const name of [...FILTERS, ...PASSED_ON]) if (url.get(name)) filters.set(name, url.get(name));
  return filters;
}

function showFilters(filters) {
  for (const name of FILTERS) {
    const select = $('filters').elements[name];
    const value = filters.get(name) || '';
    // a value from a shared link that the list does not offer is still applied, and shown
    if (value && ![...select.options].some((o) => o.value === value)) select.append(el('option', { value }, value));
    select.value = value;
  }
}

function stageTag(stage) {
  return stage ? el('span', { class: 'tag', dataset: { stage } }, t(`stage.${stage}`)) : '—';
}

function lastAction(action) {
  if (!action) return el('span', { class: 'muted' }, t('worklist.none'));
  return el('div', { class: 'stacked-block' },
    el('span', null, `${t(`channel.${action.channel}`)} · ${t(`outcome.${action.outcome}`)}`),
    el('span', { class: 'muted small' }, fmt.date(action.date)));
}

function promise(p) {
  if (!p) return el('span', { class: 'muted' }, t('worklist.none'));
  return el('div', { class: 'stacked-block' }, el('span', null, fmt.clp(p.amountClp)), el('span', { class: 'muted small' }, fmt.date(p.date)));
}

function row(item, maxPriority, manyClients) {
  const share = maxPriority > 0 ? Math.max(4, Math.round((100 * item.priority) / maxPriority)) : 0;
  const bar = el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', { style: `width:${share}%` }));
  const debtorLink = `/debtor.html?${new URLSearchParams({ client: item.clientId, debtor: item.debtorId })}`;
  return el('tr', { dataset: { invoice: item.invoiceId, client: item.clientId, debtor: item.debtorId, priority: String(item.priority) } },
    el('td', null, el('span', { class: 'priority' }, bar, fmt.number(item.priority))),
    el('td', { class: 'stacked' },
      el('a', { href: debtorLink }, item.debtorName || item.debtorId),
      el('span', { class: 'muted small' }, [item.debtorRut, manyClients ? item.clientName : null].filter(Boolean).join(' · '))),
    el('td', { class: 'stacked' },
      el('span', null, `N° ${item.folio ?? item.invoiceId}`),
      el('span', { class: 'muted small' }, `${t('worklist.due')} ${fmt.date(item.dueDate)}`)),
    el('td', { class: `num${item.daysPastDue > 0 ? ' overdue-text' : ''}` }, fmt.int(item.daysPastDue)),
    el('td', { class: 'num' }, fmt.clp(item.openClp)),
    el('td', null, stageTag(item.stage)),
    el('td', null, lastAction(item.lastAction)),
    el('td', null, promise(item.promise)),
    el('td', { class: 'wrap reason' }, item.reason || '—'));
}

async function load() {
  const filters = currentFilters();
  showFilters(filters);
  $('worklist-exports').replaceChildren(exportLinks('/api/v1/worklist', t('worklist.heading'), filters));
  const body = $('worklist-rows');
  body.setAttribute('aria-busy', 'true');
  const mine = ++request;
  try {
    const data = await getJson(`/api/v1/worklist${filters.toString() ? `?${filters}` : ''}`);
    if (mine !== request) return;
    const items = data.items || [];
    $('as-of').textContent = fmt.date(data.asOf);
    $('worklist-count').textContent = t('worklist.count', { shown: fmt.int(items.length), total: fmt.int(data.total ?? items.length) });
    if (items.length === 0) {
      body.replaceChildren(messageRow(COLUMNS, t('worklist.empty')));
    } else {
      const maxPriority = Math.max(...items.map((i) => i.priority || 0));
      const manyClients = new Set(items.map((i) => i.clientId)).size > 1;
      body.replaceChildren(...items.map((i) => row(i, maxPriority, manyClients)));
    }
  } catch (error) {
    if (mine !== request) return;
    $('worklist-count').textContent = '';
    body.replaceChildren(messageRow(COLUMNS, errorText(error), 'error'));
  } finally {
    if (mine === request) body.removeAttribute('aria-busy');
  }
}

function applyForm() {
  const form = $('filters');
  const url = new URLSearchParams(window.location.search);
  const filters = new URLSearchParams();
  for (const name of FILTERS) if (form.elements[name].value) filters.set(name, form.elements[name].value);
  for (const name of PASSED_ON) if (url.get(name)) filters.set(name, url.get(name));
  const search = filters.toString() ? `?${filters}` : '';
  if (search !== window.location.search) history.pushState(null, '', `${window.location.pathname}${search}`);
  return load();
}

async function main() {
  const me = await startPage('worklist');
  const form = $('filters');
  options(form.elements.clientId, t('worklist.all'), me.clients.map((c) => c.clientId),
    (id) => (me.clients.find((c) => c.clientId === id) || {}).name || id);
  options(form.elements.stage, t('worklist.allStages'), STAGES, (s) => t(`stage.${s}`));
  options(form.elements.bucket, t('worklist.all'), BUCKETS, bucketName);
  options(form.elements.channel, t('worklist.all'), CHANNELS, (c) => t(`channel.${c}`));
  form.addEventListener('change', applyForm);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    applyForm();
  });
  form.addEventListener('reset', () => setTimeout(applyForm)); // after the browser cleared the fields
  window.addEventListener('popstate', load);
  $('worklist-rows').replaceChildren(messageRow(COLUMNS, t('common.loading')));
  await load();
  markReady({});
}

main().catch((error) => {
  $('worklist-rows').replaceChildren(messageRow(COLUMNS, errorText(error), 'error'));
  markReady({});
});
