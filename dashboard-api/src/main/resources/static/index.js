// The start page sends each role to its page: owners to their client's dashboard, account managers and
// administrators to the portfolio, collectors to the worklist.
import { errorText, getJson, homeOf, $ } from './app.js';
import { translate } from './i18n.js';

translate();
getJson('/api/v1/me')
  .then((me) => {
    me.clients = me.clients || [];
    window.location.replace(homeOf(me));
  })
  .catch((error) => {
    const status = $('index-status');
    status.textContent = errorText(error);
    status.classList.add('error');
  });
