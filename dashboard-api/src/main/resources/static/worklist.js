// The collector's worklist: open invoices, highest expected recovery first (the risk model's probability of payment
// within 30 days × open amount), each with the score's strongest reasons and the collection policy's next action, or
// the stop or legal rule that holds it. Filters live in the page URL (shareable, back button) and go unchanged to the
// API and the export links. Reasons and instructions come from the API in Spanish.
import { $, channelIcon, el, errorText, exportLinks, fmt, getJson, markReady, messageRow, startPage, t } from './app.js';

const FILTERS = ['clientId', 'stage', 'bucket', 'channel'];
const PASSED_ON = ['limit']; // taken from the URL as is, no control of its own
const STAGES = ['PREVENTIVE', 'EARLY_OVERDUE', 'EXTRAJUDICIAL'];
const BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '121+'];
const CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP', 'CALL', 'VISIT', 'LETTER', 'LEGAL_FILING'];
const COLUMNS = 9;
const API_TEXT = { lang: 'es-CL' }; // texts written by the API are Spanish whatever the page language

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

/** Last action and latest promise, stacked: what happened so far. */
function followUp(item) {
  const action = item.lastAction;
  const p = item.promise;
  if (!action && !p) return el('span', { class: 'muted' }, t('worklist.none'));
  return el('div', { class: 'stacked-block' },
    action ? el('span', null, `${t(`channel.${action.channel}`)} · ${t(`outcome.${action.outcome}`)}`) : null,
    action ? el('span', { class: 'muted small' }, fmt.date(action.date)) : null,
    p ? el('span', { class: 'small promise-line' }, t('worklist.promiseOf', { amount: fmt.clp(p.amountClp), date: fmt.date(p.date) })) : null);
}

function flag(kind, text, title) {
  return el('span', { class: `flag ${kind}`, title: title || null }, text);
}

/** The manager's part: court proposed by the policy or approved by a manager. */
function legalFlag(legal) {
  if (legal === 'PROPOSED') return flag('legal', t('worklist.legalProposed'), t('worklist.legalProposedHelp'));
  if (legal === 'APPROVED') return flag('legal approved', t('worklist.legalApproved'));
  return null;
}

function ruleName(rule) {
  const key = `rule.${rule}`;
  const name = t(key);
  return name === key ? rule : name;
}

/**
 * The policy's word on the item: the next action (channel and instruction, a fallback marked), or the stop, or the
 * rule that blocks every channel now with when it becomes allowed; null policy (past the first 50 items) is a dash.
 */
function nextAction(policy) {
  if (!policy) {
    return el('td', { class: 'next', dataset: { policy: 'none' } },
      el('span', { class: 'muted small', title: t('worklist.policyLaterHelp') }, t('worklist.policyLater')));
  }
  const legal = legalFlag(policy.legal);
  if (policy.stop) {
    return el('td', { class: 'next', dataset: { policy: 'stop', stop: policy.stop } },
      el('div', { class: 'next-head stop' }, channelIcon('STOP'), el('strong', null, t('worklist.stopped')), legal),
      el('p', { class: 'next-text', ...API_TEXT }, policy.stopReason || t(`stop.${policy.stop}`)));
  }
  if (policy.channel) {
    return el('td', { class: 'next', dataset: { policy: policy.fallback ? 'fallback' : 'action', channel: policy.channel } },
      el('div', { class: 'next-head', dataset: { channel: policy.channel } }, channelIcon(policy.channel),
        el('strong', null, t(`channel.${policy.channel}`)),
        policy.fallback ? flag('fallback', t('worklist.fallback'), t('worklist.fallbackHelp')) : null, legal),
      el('p', { class: 'next-text', ...API_TEXT }, policy.instruction || ''));
  }
  if (policy.blockedRule) {
    return el('td', { class: 'next', dataset: { policy: 'blocked', rule: policy.blockedRule } },
      el('div', { class: 'next-head blocked' }, channelIcon('BLOCKED'), el('strong', null, ruleName(policy.blockedRule)), legal),
      el('p', { class: 'next-text', ...API_TEXT }, policy.blockedReason || ''),
      policy.allowedFrom ? el('p', { class: 'next-when' }, t('worklist.allowedFrom', { when: fmt.dateTime(policy.allowedFrom) })) : null,
      policy.blockedSource ? el('p', { class: 'next-source', ...API_TEXT }, policy.blockedSource) : null);
  }
  return el('td', { class: 'next', dataset: { policy: 'none' } }, legal || el('span', { class: 'muted' }, '—'));
}

/** The risk score's strongest reasons as chips; the priority's plain reason when the model gave none. */
function reasons(item) {
  const list = [...new Set(item.riskReasons || [])]; // a reason the API repeats is shown once
  if (list.length === 0) {
    return el('td', { class: 'why' }, item.reason ? el('span', { class: 'muted small', ...API_TEXT }, item.reason) : '—');
  }
  return el('td', { class: 'why', title: [item.reason, ...list].filter(Boolean).join('\n') },
    el('ul', { class: 'chips', 'aria-label': t('worklist.why'), ...API_TEXT }, list.map((r) => el('li', null, r))));
}

function expected(item, maxPriority) {
  if (item.probability === null || item.probability === undefined) {
    return el('td', { class: 'num' }, el('span', { class: 'muted small', title: t('worklist.notDueHelp') }, t('worklist.notDue')));
  }
  const share = maxPriority > 0 ? Math.max(4, Math.round((100 * item.priority) / maxPriority)) : 0;
  const bar = el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', { style: `width:${share}%` }));
  return el('td', { class: 'num' }, el('span', { class: 'priority' }, bar, fmt.clp(item.priority)));
}

function probability(item) {
  const p = item.probability;
  if (p === null || p === undefined) return el('td', { class: 'num muted' }, '—');
  const level = p >= 0.6 ? 'high' : p >= 0.3 ? 'mid' : 'low';
  return el('td', { class: 'num' }, el('span', { class: 'prob', dataset: { level } }, fmt.ratio(p)));
}

function row(item, maxPriority, manyClients) {
  const debtorLink = `/debtor.html?${new URLSearchParams({ client: item.clientId, debtor: item.debtorId })}`;
  const legal = item.policy && item.policy.legal;
  return el('tr', {
    dataset: {
      invoice: item.invoiceId, client: item.clientId, debtor: item.debtorId, priority: String(item.priority),
      probability: item.probability === null || item.probability === undefined ? '' : String(item.probability), legal: legal || null
    }
  },
  expected(item, maxPriority),
  probability(item),
  el('td', { class: 'stacked' },
    el('a', { href: debtorLink }, item.debtorName || item.debtorId),
    el('span', { class: 'muted small' }, [item.debtorRut, manyClients ? item.clientName : null].filter(Boolean).join(' · '))),
  el('td', { class: 'stacked' },
    el('span', null, `N° ${item.folio ?? item.invoiceId}`),
    el('span', { class: 'muted small' }, `${t('worklist.due')} ${fmt.date(item.dueDate)}`),
    el('span', null, stageTag(item.stage))),
  el('td', { class: `num${item.daysPastDue > 0 ? ' overdue-text' : ''}` }, fmt.int(item.daysPastDue)),
  el('td', { class: 'num' }, fmt.clp(item.openClp)),
  nextAction(item.policy),
  reasons(item),
  el('td', null, followUp(item)));
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
    const model = $('model-version');
    model.hidden = !data.modelVersion;
    model.textContent = data.modelVersion ? t('worklist.model', { version: data.modelVersion }) : '';
    model.title = t('worklist.modelHelp');
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
