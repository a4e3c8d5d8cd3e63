// "Events received": what the local host's development webhook subscriber got (scripts/run.sh turns it on with
// DevEvents__Inbox=true; Development only). Polls GET /api/dev/events while the admin view is shown; the card stays
// hidden where the inbox does not exist (404), e.g. against the Functions app.
import { ApiError, request } from './api.js';
import { $, formatScore, h, pill, show } from './dom.js';

const POLL_MS = 2000;
let timer = null;

export function watchEvents() {
  if (timer) return;
  const tick = async () => {
    if ($('#admin').hidden) { timer = null; return; }
    try {
      render(await request('/dev/events'));
      timer = setTimeout(tick, POLL_MS);
    } catch (e) {
      show($('#events-card'), false);
      // No inbox here (404) or not allowed: stop asking. Anything else (a restart): try again later.
      timer = e instanceof ApiError && (e.status === 404 || e.status === 403) ? null : setTimeout(tick, POLL_MS * 5);
    }
  };
  tick();
}

function render(received) {
  show($('#events-card'));
  const rows = received.map(({ receivedAt, event }) => {
    const d = event.data ?? {};
    return h('tr', { dataset: { eventId: event.id, registrationId: d.registrationId } },
      h('td', { class: 'hint' }, new Date(receivedAt).toLocaleTimeString()),
      h('td', {}, h('div', { class: 'mono' }, d.registrationId), h('div', { class: 'hint' }, `#${d.sequence} · ${d.learnerId}`)),
      h('td', { class: 'effective' }, pill(d.effective?.completion, 'completion'), ' ', pill(d.effective?.success, 'success'),
        h('span', { class: 'score' }, formatScore(d.effective?.score)), d.override ? h('div', { class: 'hint' }, 'overridden') : null),
      h('td', { class: 'mono hint' }, event.id));
  });
  $('#events-table tbody').replaceChildren(...rows);
  show($('#events-empty'), received.length === 0);
}
