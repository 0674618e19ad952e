// The form-login page: Spring Security's /login takes username, password and the CSRF token as a form field.
// Only i18n.js is imported, so the page needs nothing but public files and GET /api/v1/csrf.
import { LANGS, lang, setLang, t, translate } from './i18n.js';

const $ = (id) => document.getElementById(id);

function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

// The form field takes the value GET /api/v1/csrf answers: the server's form-parameter check expects that one
// (with Spring's default handler it is a masked copy of the cookie, which the raw cookie would not match). The
// cookie is the fallback when the call fails; the token comes before the user can submit.
async function fillToken() {
  const field = $('csrf');
  const submit = $('login-submit');
  submit.disabled = true;
  try {
    const response = await fetch('/api/v1/csrf', {
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, credentials: 'same-origin'
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await response.json();
    field.name = body.parameterName || '_csrf';
    field.value = body.token || readCookie('XSRF-TOKEN') || '';
  } catch (e) {
    field.value = readCookie('XSRF-TOKEN') || '';
  }
  if (!field.value) $('login-csrf-error').hidden = false;
  submit.disabled = false;
  document.body.dataset.ready = 'true';
}

function languageSwitch() {
  const select = $('lang-switch');
  for (const l of LANGS) select.append(new Option(t(`lang.${l}`), l, l === lang, l === lang));
  select.addEventListener('change', () => {
    setLang(select.value);
    window.location.reload();
  });
}

translate();
document.title = t('login.title');
languageSwitch();
const params = new URLSearchParams(window.location.search);
$('login-error').hidden = !params.has('error');
$('login-locked').hidden = !params.has('locked');
$('login-logout').hidden = !params.has('logout');
fillToken();
