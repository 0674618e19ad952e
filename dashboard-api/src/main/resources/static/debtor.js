// One debtor of one client: totals, open invoices, the timeline (newest first) and, for collectors, the forms
// that record an action, a promise to pay or a payment plan (POST JSON with the CSRF header).
import { $, addDays, el, errorText, fmt, getJson, markReady, message, messageRow, postJson, query, startPage, t, today } from './app.js';

const CHANNELS = ['CALL', 'WHATSAPP', 'EMAIL', 'SMS', 'VISIT', 'LETTER', 'LEGAL_FILING'];
const OUTCOMES = ['CONTACTED', 'PROMISED_TO_PAY', 'DISPUTED', 'REFUSED', 'NO_ANSWER', 'WRONG_PARTY', 'MESSAGE_LEFT', 'DELIVERED', 'BOUNCED'];
const RECORDING_ROLES = ['COLLECTOR', 'ADMIN'];
const INVOICE_COLUMNS = 9;
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

// ------------------------------------------------------------------ view

function icon(kind) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[kind] || ICONS.ACTION);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  return svg;
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
}

function setDefaults() {
  const day = today();
  $('action-date').value = day;
  $('action-date').max = day;
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
  const status = $('form-status');
  status.dataset.state = state;
  status.textContent = text;
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
        minutes: wholeNumber(value('minutes')), notes: optional(value('notes')), date: optional(value('date'))
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
    const { status, body } = await postJson(`${base}/${form.dataset.path}`, bodyOf(form));
    if (status === 201 || status === 200) {
      setStatus('ok', t('form.saved'));
      form.reset();
      if (form.id === 'form-plan') resetInstalments();
      setDefaults();
      await load();
      fillInvoiceChoices();
    } else if (status === 400 || status === 409 || status === 404) {
      const reason = (body && body.reason) || `HTTP ${status}`;
      const target = fieldElement(form, body && body.field);
      if (target) {
        showFieldError(target, reason);
        if (typeof target.focus === 'function') target.focus();
      }
      setStatus('error', t('form.failed', { reason }));
    } else if (status === 403) {
      setStatus('error', t('form.forbidden'));
    } else {
      setStatus('error', t('form.failed', { reason: (body && body.reason) || `HTTP ${status}` }));
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
  const me = await startPage(null);
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
  if (RECORDING_ROLES.includes(me.role)) startForms();
  markReady({});
}

main().catch((error) => {
  showPageError(errorText(error));
  markReady({});
});
