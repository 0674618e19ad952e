// One debtor of one client: totals, open invoices, the collection status (consumer, lawsuit, insolvency, disputes,
// legal decisions), the timeline (newest first) and, for collectors, the forms that record an action, a promise to
// pay, a payment plan or a dispute (POST JSON with the CSRF header); for managers, the forms that edit the status and
// decide on a proposed lawsuit. A contact Chile's consumer rules forbid comes back as a 409 with the rule and the law,
// shown as such.
import {
  $, addDays, can, el, errorText, fmt, getJson, markReady, message, messageRow, nowTime, postJson, query, sendJson,
  startPage, strokeIcon, t, today
} from './app.js';

const CHANNELS = ['CALL', 'WHATSAPP', 'EMAIL', 'SMS', 'VISIT', 'LETTER', 'LEGAL_FILING'];
const OUTCOMES = ['CONTACTED', 'PROMISED_TO_PAY', 'DISPUTED', 'REFUSED', 'NO_ANSWER', 'WRONG_PARTY', 'MESSAGE_LEFT', 'DELIVERED', 'BOUNCED'];
const DISPUTE_SOURCES = ['DEBTOR', 'SII'];
const INVOICE_COLUMNS = 9;
const DISPUTE_COLUMNS = 6;
const DECISION_COLUMNS = 5;
const API_TEXT = { lang: 'es-CL' }; // texts written by the API (reasons, notes) are Spanish
const DEFAULT_INSTALMENTS = 2;

// 24×24 stroke icons per timeline kind
const ICONS = {
  INVOICE: 'M7 3h7l4 4v14H7z M14 3v4h4 M10 12h5 M10 16h5',
  PAYMENT: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M8 12l3 3l5-6',
  CREDIT_NOTE: 'M7 3h7l4 4v14H7z M14 3v4h4 M10 14h5',
  ACTION: 'M4 5h16v11H9l-5 4z',
  PROMISE: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5',
  PLAN: 'M9 6h11 M9 12h11 M9 18h11 M4.5 6h.5 M4.5 12h.5 M4.5 18h.5'
};

const clientId = query.get('client');
const debtorId = query.get('debtor');
const base = `/api/v1/clients/${encodeURIComponent(clientId || '')}`;
let debtor = null;
let status = null; // GET …/debtors/{d}/status
let me = null;

// ------------------------------------------------------------------ view

function icon(kind) {
  return strokeIcon(ICONS[kind] || ICONS.ACTION);
}

function folioOf(invoiceId) {
  const invoice = debtor.invoices.find((i) => i.invoiceId === invoiceId);
  return invoice && invoice.folio !== null && invoice.folio !== undefined ? invoice.folio : invoiceId;
}

function renderHead() {
  $('debtor-name').textContent = debtor.name || debtor.debtorId;
  document.title = `${debtor.name || debtor.debtorId} — cobranza`;
  $('debtor-rut').textContent = debtor.rut ? t('debtor.rut', { rut: debtor.rut }) : '';
  $('debtor-client').textContent = t('debtor.client', { name: debtor.clientName || debtor.clientId });
  $('debtor-open').textContent = fmt.clp(debtor.openClp);
  $('debtor-open').dataset.value = String(debtor.openClp ?? '');
  $('debtor-overdue').textContent = fmt.clp(debtor.overdueClp);
  $('debtor-overdue').dataset.value = String(debtor.overdueClp ?? '');
}

function renderInvoices() {
  const body = $('invoice-rows');
  if (debtor.invoices.length === 0) {
    body.replaceChildren(messageRow(INVOICE_COLUMNS, t('debtor.noInvoices')));
    return;
  }
  body.replaceChildren(...debtor.invoices.map((i) => el('tr', { dataset: { invoice: i.invoiceId } },
    el('th', { scope: 'row' }, `N° ${i.folio ?? i.invoiceId}`),
    el('td', null, fmt.date(i.issueDate)),
    el('td', null, fmt.date(i.dueDate)),
    el('td', { class: 'num' }, fmt.clp(i.totalClp)),
    el('td', { class: 'num muted' }, fmt.clp(i.creditedClp)),
    el('td', { class: 'num muted' }, fmt.clp(i.paidClp)),
    el('td', { class: 'num' }, el('strong', null, fmt.clp(i.openClp))),
    el('td', { class: `num${i.daysPastDue > 0 ? ' overdue-text' : ''}` }, fmt.int(i.daysPastDue)),
    el('td', null, i.stage ? el('span', { class: 'tag', dataset: { stage: i.stage } }, t(`stage.${i.stage}`)) : '—'))));
}

function entryTitle(entry) {
  const kind = t(`kind.${entry.kind}`);
  return entry.kind === 'ACTION' && entry.channel ? `${kind} · ${t(`channel.${entry.channel}`)}` : kind;
}

function entryDetail(entry) {
  const parts = [];
  if (entry.kind === 'ACTION') {
    if (entry.outcome) parts.push(t(`outcome.${entry.outcome}`));
    if (entry.minutes) parts.push(t('timeline.minutes', { n: fmt.int(entry.minutes) }));
  }
  if (entry.kind === 'PROMISE' && entry.promisedDate) parts.push(t('timeline.promisedFor', { date: fmt.date(entry.promisedDate) }));
  if (entry.invoiceId) parts.push(t('timeline.invoice', { folio: folioOf(entry.invoiceId) }));
  if (entry.recordedBy) parts.push(t('timeline.by', { user: entry.recordedBy }));
  return parts.join(' · ');
}

function renderTimeline() {
  const list = $('timeline');
  // newest first as the API sends it; sorting again keeps that order if it ever arrives mixed (stable sort)
  const entries = [...debtor.timeline].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  if (entries.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, message(t('debtor.timelineEmpty'))));
    return;
  }
  list.replaceChildren(...entries.map((entry) => {
    const amount = entry.amountClp !== null && entry.amountClp !== undefined ? el('span', { class: 'amount' }, fmt.clp(entry.amountClp)) : null;
    const detail = entryDetail(entry);
    return el('li', {
      dataset: { kind: entry.kind, date: entry.date, invoice: entry.invoiceId || '' }
    },
    el('span', { class: 'icon' }, icon(entry.kind)),
    el('div', null,
      el('div', { class: 'entry-head' },
        el('span', { class: 'kind' }, entryTitle(entry)),
        el('time', { class: 'date', datetime: entry.date }, fmt.date(entry.date))),
      amount || detail ? el('p', { class: 'detail' }, amount, amount && detail ? ' · ' : null, detail) : null,
      entry.notes ? el('p', { class: 'notes' }, entry.notes) : null));
  }));
}

// ------------------------------------------------------------------ status

function statusItem(key, value, detail, attrs) {
  return el('div', attrs || null, el('dt', null, t(key)), el('dd', null, value, detail ? el('span', { class: 'detail' }, detail) : null));
}

function dayOrNo(day) {
  return day ? t('debtor.since', { date: fmt.date(day) }) : t('debtor.no');
}

function latestDecision() {
  const list = status.legalDecisions || [];
  return list.length ? list[list.length - 1] : null;
}

/** The policy's legal escalation state from the debtor's status: PROPOSED, APPROVED (by a manager) or null. */
function legalState() {
  return status.legal === 'PROPOSED' || status.legal === 'APPROVED' ? status.legal : null;
}

/** The consumer default of the debtor's RUT (body below 50.000.000 = natural person), for the "según el RUT" option. */
function consumerByRut() {
  if (status.consumerSource === 'RUT') return status.consumer;
  const body = Number(String(status.rut || '').split('-')[0].replace(/\D/g, ''));
  return body > 0 && body < 50000000;
}

function renderStatusGrid() {
  const last = latestDecision();
  const consumer = status.consumer ? t('debtor.consumerYes') : t('debtor.consumerNo');
  $('status-grid').replaceChildren(
    statusItem('debtor.consumer', consumer, t(`source.${status.consumerSource}`),
      { id: 'status-consumer-value', title: t('debtor.consumerHelp'), dataset: { consumer: String(status.consumer), source: status.consumerSource } }),
    statusItem('debtor.lawsuit', dayOrNo(status.lawsuitServedOn), null,
      { dataset: { state: status.lawsuitServedOn ? 'on' : 'off' }, id: 'status-lawsuit-value' }),
    statusItem('debtor.insolvency', dayOrNo(status.insolvencyOn), null,
      { dataset: { state: status.insolvencyOn ? 'on' : 'off' }, id: 'status-insolvency-value' }),
    statusItem('debtor.legal', last ? t(`decision.${last.decision}`) : t('debtor.legalNone'),
      last ? t('debtor.since', { date: fmt.date(last.decidedOn) }) : null,
      { dataset: { state: last ? last.decision : 'NONE' }, id: 'status-legal-value' }));
  const legal = legalState();
  const flags = [];
  if (legal === 'PROPOSED') flags.push(el('span', { class: 'flag legal', id: 'legal-flag', title: t('debtor.legalProposedNote') }, t('worklist.legalProposed')));
  if (legal === 'APPROVED') flags.push(el('span', { class: 'flag legal approved', id: 'legal-flag' }, t('worklist.legalApproved')));
  if (status.lawsuitServedOn) flags.push(el('span', { class: 'flag stop' }, t('stop.LAWSUIT')));
  if (status.insolvencyOn) flags.push(el('span', { class: 'flag stop' }, t('stop.INSOLVENCY')));
  if (status.consumer) flags.push(el('span', { class: 'flag consumer', title: t('debtor.consumerHelp') }, t('debtor.consumer')));
  $('status-flags').replaceChildren(...flags);
}

function renderDisputes() {
  const disputes = status.disputes || [];
  const body = $('dispute-rows');
  $('disputes-table').classList.toggle('is-empty', disputes.length === 0);
  if (disputes.length === 0) {
    body.replaceChildren(messageRow(DISPUTE_COLUMNS, t('debtor.disputesEmpty')));
    return;
  }
  const resolving = can(me, 'RECORD_WORK');
  body.replaceChildren(...[...disputes].reverse().map((d) => el('tr', { dataset: { dispute: String(d.id), invoice: d.invoiceId, open: String(!d.resolvedOn) } },
    el('td', null, `N° ${folioOf(d.invoiceId)}`),
    el('td', null, t(`source.${d.source}`)),
    el('td', null, fmt.date(d.openedOn)),
    el('td', null, d.resolvedOn
      ? el('span', { class: 'tag resolved' }, t('debtor.disputeResolved', { date: fmt.date(d.resolvedOn) }))
      : el('span', { class: 'tag open-dispute' }, t('debtor.disputeOpen'))),
    el('td', { class: 'wrap notes-cell', ...API_TEXT }, d.notes || '—', d.recordedBy ? el('span', { class: 'muted small by' }, ` · ${d.recordedBy}`) : null),
    el('td', { class: 'num' }, resolving && !d.resolvedOn
      ? el('button', {
        type: 'button', class: 'button subtle small resolve', 'aria-label': t('debtor.resolveLabel', { folio: folioOf(d.invoiceId) }),
        onclick: (event) => resolveDispute(d, event.currentTarget)
      }, t('debtor.resolve'))
      : null))));
}

function renderDecisions() {
  const decisions = status.legalDecisions || [];
  const body = $('decision-rows');
  $('decisions-table').classList.toggle('is-empty', decisions.length === 0);
  if (decisions.length === 0) {
    body.replaceChildren(messageRow(DECISION_COLUMNS, t('debtor.decisionsEmpty')));
    return;
  }
  body.replaceChildren(...[...decisions].reverse().map((d) => el('tr', { dataset: { decision: d.decision } },
    el('td', null, fmt.date(d.decidedOn)),
    el('td', null, el('span', { class: `tag decision`, dataset: { decision: d.decision } }, t(`decision.${d.decision}`))),
    el('td', { class: 'num' }, fmt.clp(d.openClp)),
    el('td', { class: 'wrap', ...API_TEXT }, d.reason || '—'),
    el('td', null, d.decidedBy || '—'))));
}

function renderStatus() {
  if (!status) return;
  renderStatusGrid();
  renderDisputes();
  renderDecisions();
  if (can(me, 'MANAGE_COLLECTION')) fillManageForms();
  $('status').hidden = false;
}

async function loadStatus() {
  status = await getJson(`${base}/debtors/${encodeURIComponent(debtorId)}/status`);
  status.disputes = status.disputes || [];
  status.legalDecisions = status.legalDecisions || [];
  renderStatus();
}

function setInlineStatus(id, state, text) {
  const node = $(id);
  node.dataset.state = state;
  node.textContent = text;
}

async function resolveDispute(dispute, button) {
  button.disabled = true;
  setInlineStatus('status-message', 'saving', t('form.saving'));
  try {
    const answer = await postJson(`${base}/disputes/${encodeURIComponent(dispute.id)}/resolution`, { resolvedOn: today() });
    if (answer.status === 200 || answer.status === 201) {
      await loadStatus();
      setInlineStatus('status-message', 'ok', t('debtor.resolved'));
    } else {
      setInlineStatus('status-message', 'error', failureText(answer));
      button.disabled = false;
    }
  } catch (e) {
    setInlineStatus('status-message', 'error', t('form.networkError'));
    button.disabled = false;
  }
}

function failureText({ status: code, body }) {
  if (code === 403) return t('form.forbidden');
  return t('form.failed', { reason: (body && body.reason) || `HTTP ${code}` });
}

// manager forms: the status (PUT) and the decision on legal escalation (POST)
function fillManageForms() {
  const form = $('form-debtor-status');
  form.elements.consumer.replaceChildren(
    el('option', { value: '' }, t('manage.consumerAuto', { value: consumerByRut() ? t('manage.consumerTrue') : t('manage.consumerFalse') })),
    el('option', { value: 'true' }, t('manage.consumerTrue')),
    el('option', { value: 'false' }, t('manage.consumerFalse')));
  form.elements.consumer.value = status.consumerSource === 'MANUAL' ? String(status.consumer) : '';
  form.elements.lawsuitServedOn.value = status.lawsuitServedOn || '';
  form.elements.insolvencyOn.value = status.insolvencyOn || '';
  for (const name of ['lawsuitServedOn', 'insolvencyOn']) form.elements[name].max = today();
  $('form-legal').hidden = legalState() !== 'PROPOSED';
  $('status-manage').hidden = false;
  $('status-layout').classList.add('with-manage');
}

/**
 * Sends one of the manager forms: disables its buttons, says "saving", then "ok" (after {@code onOk}) or the
 * API's reason next to its field, or a network error.
 */
async function sendManaged(form, buttons, request, okStatuses, onOk, okText) {
  clearErrors(form);
  buttons.forEach((b) => { b.disabled = true; });
  setInlineStatus('manage-status', 'saving', t('form.saving'));
  try {
    const answer = await request();
    if (okStatuses.includes(answer.status)) {
      await onOk(answer);
      setInlineStatus('manage-status', 'ok', okText);
    } else {
      markField(form, answer.body);
      setInlineStatus('manage-status', 'error', failureText(answer));
    }
  } catch (e) {
    setInlineStatus('manage-status', 'error', t('form.networkError'));
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

async function saveStatus(form) {
  const consumer = form.elements.consumer.value;
  const body = {
    consumer: consumer === '' ? null : consumer === 'true',
    lawsuitServedOn: form.elements.lawsuitServedOn.value || null,
    insolvencyOn: form.elements.insolvencyOn.value || null
  };
  await sendManaged(form, [form.querySelector('button[type="submit"]')],
    () => sendJson('PUT', `${base}/debtors/${encodeURIComponent(debtorId)}/status`, body), [200],
    (answer) => { status = answer.body; renderStatus(); }, t('manage.saved'));
}

async function decideLegal(form, decision) {
  clearErrors(form);
  if (!form.reportValidity()) return;
  await sendManaged(form, [...form.querySelectorAll('button')],
    () => postJson(`${base}/debtors/${encodeURIComponent(debtorId)}/legal-decisions`,
      { decision, reason: form.elements.reason.value.trim() }), [200, 201],
    async () => { form.reset(); await loadStatus(); }, t('manage.decided'));
}

function markField(form, body) {
  const target = body && body.field ? form.querySelector(`[name="${CSS.escape(body.field)}"]`) : null;
  if (target && body.reason) showFieldError(target, body.reason);
}

function startManaging() {
  const form = $('form-debtor-status');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveStatus(form);
  });
  const legal = $('form-legal');
  legal.addEventListener('submit', (event) => {
    event.preventDefault();
    const decision = (event.submitter && event.submitter.value) || 'APPROVED';
    decideLegal(legal, decision);
  });
}

function render() {
  renderHead();
  renderInvoices();
  renderTimeline();
}

async function load() {
  const body = await getJson(`${base}/debtors/${encodeURIComponent(debtorId)}`);
  body.invoices = body.invoices || [];
  body.timeline = body.timeline || [];
  debtor = body;
  render();
}

/** Nothing to show but the reason: a missing, unknown or inaccessible debtor. */
function showPageError(text) {
  $('page-error').textContent = text;
  $('page-error').hidden = false;
  for (const id of ['debtor-head', 'invoices', 'debtor-grid']) $(id).hidden = true;
}

// ------------------------------------------------------------------ forms

function invoiceOption(i) {
  return el('option', { value: i.invoiceId }, `N° ${i.folio ?? i.invoiceId} · ${fmt.clp(i.openClp)} · ${t('debtor.dueDate').toLowerCase()} ${fmt.date(i.dueDate)}`);
}

function fillInvoiceChoices() {
  for (const select of document.querySelectorAll('select.invoice-select')) {
    select.replaceChildren(el('option', { value: '' }, t('form.chooseInvoice')), ...debtor.invoices.map(invoiceOption));
    if (debtor.invoices.length === 1) select.value = debtor.invoices[0].invoiceId;
  }
  $('plan-invoice-checks').replaceChildren(...debtor.invoices.map((i) => el('label', null,
    el('input', { type: 'checkbox', name: 'invoiceIds', value: i.invoiceId }),
    `N° ${i.folio ?? i.invoiceId}`,
    el('span', { class: 'num' }, fmt.clp(i.openClp)))));
}

function fillChoices() {
  const channel = $('action-channel');
  channel.replaceChildren(...CHANNELS.map((c) => el('option', { value: c }, t(`channel.${c}`))));
  const outcome = $('action-outcome');
  outcome.replaceChildren(el('option', { value: '' }, '—'), ...OUTCOMES.map((o) => el('option', { value: o }, t(`outcome.${o}`))));
  $('dispute-source').replaceChildren(...DISPUTE_SOURCES.map((v) => el('option', { value: v }, t(`source.${v}`))));
}

function setDefaults() {
  const day = today();
  $('action-date').value = day;
  $('action-date').max = day;
  $('action-time').value = nowTime();
  $('dispute-date').value = day;
  $('dispute-date').max = day;
  $('promise-date').min = day;
  $('promise-date').value = addDays(day, 7);
  $('plan-debtor').value = debtorId;
}

// instalment rows: number, date, amount, remove
function renumber() {
  const rows = [...$('instalment-rows').children];
  rows.forEach((row, i) => {
    row.dataset.index = String(i);
    row.querySelector('.n').textContent = `${i + 1}.`;
    row.querySelector('input[name="dueDate"]').setAttribute('aria-label', `${t('form.instalment', { n: i + 1 })}: ${t('form.dueDate')}`);
    row.querySelector('input[name="amountClp"]').setAttribute('aria-label', `${t('form.instalment', { n: i + 1 })}: ${t('form.amount')}`);
    row.querySelector('button').setAttribute('aria-label', t('form.removeInstalment', { n: i + 1 }));
    row.querySelector('button').disabled = rows.length === 1;
  });
  planTotal();
}

function addInstalment(dueDate) {
  const row = el('div', { class: 'instalment' },
    el('span', { class: 'n' }),
    el('div', { class: 'field' }, el('input', { type: 'date', name: 'dueDate', required: true, min: today(), value: dueDate || '' })),
    el('div', { class: 'field' }, el('input', { type: 'number', name: 'amountClp', min: '1', step: '1', inputmode: 'numeric', required: true, placeholder: '$' })),
    el('button', { type: 'button', class: 'button subtle small remove' }, '✕'));
  row.querySelector('button').addEventListener('click', () => {
    row.remove();
    renumber();
  });
  $('instalment-rows').append(row);
  renumber();
  return row;
}

function planTotal() {
  let total = 0;
  for (const input of $('instalment-rows').querySelectorAll('input[name="amountClp"]')) total += Number(input.value) || 0;
  $('plan-total').textContent = t('form.planTotal', { total: fmt.clp(total) });
}

function resetInstalments() {
  $('instalment-rows').replaceChildren();
  for (let i = 1; i <= DEFAULT_INSTALMENTS; i++) addInstalment(addDays(today(), 30 * i));
}

function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) error.remove();
  for (const invalid of form.querySelectorAll('[aria-invalid="true"]')) {
    invalid.removeAttribute('aria-invalid');
    invalid.removeAttribute('aria-describedby');
  }
}

/** The control the API's `field` names: "amountClp", "invoiceIds", "instalments[1].dueDate", "instalments". */
function fieldElement(form, field) {
  if (!field) return null;
  const indexed = /^(\w+)\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (indexed && indexed[1] === 'instalments') {
    const row = $('instalment-rows').children[Number(indexed[2])];
    if (row) return indexed[3] ? row.querySelector(`[name="${indexed[3]}"]`) || row : row;
  }
  if (indexed && indexed[1] === 'invoiceIds') return $('plan-invoices');
  if (field === 'instalments') return $('plan-instalments');
  if (field === 'invoiceIds' && form.id === 'form-plan') return $('plan-invoices');
  return form.querySelector(`[name="${CSS.escape(field)}"]`);
}

let errorCount = 0;

function showFieldError(target, text) {
  const id = `field-error-${++errorCount}`;
  const note = el('p', { class: 'field-error', id, role: 'alert' }, text);
  if (target.tagName === 'FIELDSET' || target.classList.contains('instalment')) {
    target.append(note);
  } else {
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', id);
    // in an instalment row the note takes the row's full width below the inputs
    (target.closest('.instalment') || target.closest('.field') || target.parentElement).append(note);
  }
  return note;
}

function setStatus(state, text) {
  const node = $('form-status');
  node.dataset.state = state;
  delete node.dataset.rule;
  node.textContent = text;
}

/**
 * A 409 from Chile's consumer rules: what is not allowed and why, the rule, the law and when it becomes allowed,
 * e.g. "No permitido: Ya se llamó al deudor el 01-12-2026 … (Ley 19.496 art. 37…)".
 */
function showBlocked(body) {
  const node = $('form-status');
  node.dataset.state = 'blocked';
  node.dataset.rule = body.rule || '';
  const rule = t(`rule.${body.rule}`);
  node.replaceChildren(
    el('p', { class: 'blocked-reason' }, el('strong', null, `${t('form.blocked')}: `),
      el('span', API_TEXT, body.reason || ''), body.source ? el('span', { class: 'blocked-law', ...API_TEXT }, ` (${body.source})`) : null),
    el('dl', { class: 'blocked-facts' },
      body.rule ? el('div', null, el('dt', null, t('form.blockedRule')), el('dd', { dataset: { rule: body.rule } }, rule === `rule.${body.rule}` ? body.rule : rule)) : null,
      body.earliestAllowed ? el('div', null, el('dt', null, t('form.blockedFrom')), el('dd', { class: 'blocked-from' }, fmt.dateTime(body.earliestAllowed))) : null));
}

function wholeNumber(value) {
  return value === '' ? undefined : Number(value);
}

/** The JSON body of a form: its named controls, numbers as numbers, empty optional fields left out. */
function bodyOf(form) {
  const value = (name) => form.elements[name].value.trim();
  const optional = (text) => (text === '' ? undefined : text);
  switch (form.id) {
    case 'form-action':
      return {
        invoiceId: value('invoiceId'), channel: value('channel'), outcome: value('outcome'),
        minutes: wholeNumber(value('minutes')), notes: optional(value('notes')), date: optional(value('date')),
        time: optional(value('time'))
      };
    case 'form-dispute':
      return {
        invoiceId: value('invoiceId'), source: value('source'), openedOn: optional(value('openedOn')), notes: optional(value('notes'))
      };
    case 'form-promise':
      return {
        invoiceId: value('invoiceId'), amountClp: wholeNumber(value('amountClp')), promisedDate: value('promisedDate'),
        notes: optional(value('notes'))
      };
    default:
      return {
        debtorId: value('debtorId'),
        invoiceIds: [...form.querySelectorAll('input[name="invoiceIds"]:checked')].map((c) => c.value),
        instalments: [...$('instalment-rows').children].map((row) => ({
          dueDate: row.querySelector('[name="dueDate"]').value,
          amountClp: wholeNumber(row.querySelector('[name="amountClp"]').value)
        })),
        notes: optional(value('notes'))
      };
  }
}

/** Checks the browser cannot express with attributes; answers false after marking the fields. */
function planIsComplete(form) {
  if (form.id !== 'form-plan') return true;
  let ok = true;
  if (!form.querySelector('input[name="invoiceIds"]:checked')) {
    showFieldError($('plan-invoices'), t('form.pickInvoices'));
    ok = false;
  }
  if ($('instalment-rows').children.length === 0) {
    showFieldError($('plan-instalments'), t('form.needInstalment'));
    ok = false;
  }
  return ok;
}

async function submit(form) {
  clearErrors(form);
  setStatus('', '');
  if (!form.reportValidity() || !planIsComplete(form)) return;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  setStatus('saving', t('form.saving'));
  try {
    const { status: code, body } = await postJson(`${base}/${form.dataset.path}`, bodyOf(form));
    if (code === 201 || code === 200) {
      setStatus('ok', t('form.saved'));
      form.reset();
      if (form.id === 'form-plan') resetInstalments();
      setDefaults();
      await load();
      fillInvoiceChoices();
      if (form.id === 'form-dispute' || form.id === 'form-action') await loadStatus().catch(() => {}); // saved anyway
    } else if (code === 409 && body && body.rule) {
      const channel = form.elements.channel;
      if (channel) {
        channel.setAttribute('aria-invalid', 'true');
        channel.setAttribute('aria-describedby', 'form-status');
      }
      showBlocked(body);
    } else if (code === 400 || code === 409 || code === 404) {
      const reason = (body && body.reason) || `HTTP ${code}`;
      const target = fieldElement(form, body && body.field);
      if (target) {
        showFieldError(target, reason);
        if (typeof target.focus === 'function') target.focus();
      }
      setStatus('error', t('form.failed', { reason }));
    } else if (code === 403) {
      setStatus('error', t('form.forbidden'));
    } else {
      setStatus('error', t('form.failed', { reason: (body && body.reason) || `HTTP ${code}` }));
    }
  } catch (error) {
    setStatus('error', t('form.networkError'));
  } finally {
    button.disabled = false;
  }
}

function tabs() {
  const buttons = [...document.querySelectorAll('[role="tab"]')];
  const select = (button, focus) => {
    for (const b of buttons) {
      const selected = b === button;
      b.setAttribute('aria-selected', String(selected));
      b.tabIndex = selected ? 0 : -1;
      $(b.getAttribute('aria-controls')).hidden = !selected;
    }
    setStatus('', '');
    if (focus) button.focus();
  };
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => select(button, false));
    button.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      select(buttons[(i + step + buttons.length) % buttons.length], true);
    });
  });
}

function startForms() {
  fillChoices();
  fillInvoiceChoices();
  setDefaults();
  resetInstalments();
  tabs();
  $('add-instalment').addEventListener('click', () => addInstalment().querySelector('input').focus());
  $('instalment-rows').addEventListener('input', planTotal);
  for (const form of document.querySelectorAll('form.record-form')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(form);
    });
  }
  $('record').hidden = false;
  $('debtor-grid').classList.remove('single');
}

// ------------------------------------------------------------------ start

async function main() {
  me = await startPage(null);
  if (!clientId || !debtorId) {
    showPageError(t('common.notFound'));
    markReady({});
    return;
  }
  $('invoice-rows').replaceChildren(messageRow(INVOICE_COLUMNS, t('common.loading')));
  try {
    await load();
  } catch (error) {
    showPageError(errorText(error));
    markReady({});
    return;
  }
  try {
    await loadStatus();
  } catch (error) {
    $('status').hidden = false;
    setInlineStatus('status-message', 'error', errorText(error));
  }
  if (can(me, 'MANAGE_COLLECTION')) startManaging();
  if (can(me, 'RECORD_WORK')) startForms();
  markReady({});
}

main().catch((error) => {
  showPageError(errorText(error));
  markReady({});
});
