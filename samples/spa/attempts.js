// Attempts: a registration's SCORM Cloud instances (0, then one more per retake) with each one's result, and the
// Retake button when the API says the caller may (`mayRetake`: admins, or the learner with Registrations:LearnerMayRetake).
import { enc, request } from './api.js';
import { formatScore, formatSeconds, h, pill, say } from './dom.js';

/** Registrations whose attempts are open: kept across list reloads, so a retake's reload shows the new instance. */
const open = new Set();

/**
 * The Attempts toggle and the hidden row (spanning `columns`) it opens under a registration's row. `reload` re-reads
 * the caller's list after a retake: the registration's row then shows the new instance's fresh result.
 */
export function attempts(registrationId, columns, reload) {
  const panel = h('div', { class: 'attempts' });
  const row = h('tr', { class: 'attempts-row', hidden: !open.has(registrationId), dataset: { attemptsFor: registrationId } },
    h('td', { colspan: columns }, panel));
  const toggle = h('button', {
    type: 'button', class: 'secondary', 'aria-expanded': String(!row.hidden),
    onclick: () => {
      row.hidden = !row.hidden;
      toggle.setAttribute('aria-expanded', String(!row.hidden));
      if (row.hidden) open.delete(registrationId);
      else {
        open.add(registrationId);
        load(panel, registrationId, reload);
      }
    },
  }, 'Attempts');
  if (!row.hidden) load(panel, registrationId, reload);
  return { toggle, row };
}

async function load(panel, registrationId, reload) {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  let list;
  try {
    list = await request(`/registrations/${enc(registrationId)}/instances`);
  } catch (e) {
    panel.replaceChildren(error);
    say(error, e.display ?? e.message);
    return;
  }
  const rows = list.items.map((i) => h('tr', { dataset: { instance: String(i.instance), current: String(i.current) } },
    h('td', { dataset: { field: 'instance' } }, String(i.instance), i.current ? h('span', { class: 'hint' }, ' current') : null),
    h('td', { dataset: { field: 'version' } }, i.courseVersion ?? '—'),
    h('td', {}, pill(i.completion, 'completion')),
    h('td', {}, pill(i.success, 'success')),
    h('td', { dataset: { field: 'score' } }, formatScore(i.score)),
    h('td', { dataset: { field: 'time' } }, formatSeconds(i.totalSeconds))));
  const table = h('table', { class: 'grid attempts-table' },
    h('thead', {}, h('tr', {}, ...['Instance', 'Course version', 'Completion', 'Success', 'Score', 'Time'].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows));
  const retake = list.mayRetake ? h('button', {
    type: 'button', class: 'retake',
    onclick: async (ev) => {
      ev.target.disabled = true;
      say(error, '');
      try {
        // A new instance in SCORM Cloud: its result starts empty; the older ones stay listed here.
        await request(`/registrations/${enc(registrationId)}/instances`, { method: 'POST' });
        await reload();
      } catch (e) {
        ev.target.disabled = false;
        say(error, e.display ?? e.message);
      }
    },
  }, 'Retake') : null;
  panel.replaceChildren(table, retake, error);
}
