// Learner view: my registrations, Launch (POST for a signed URL, then navigate), attempts (retakes), and the result after the course.
import { currentSession, enc, request } from './api.js';
import { $, formatScore, formatSeconds, h, pill, say, show, sleep } from './dom.js';
import { attempts } from './attempts.js';

const PENDING_KEY = 'scormfunctions.pendingLaunch';
/** How long to wait for SCORM Cloud's postback after the learner comes back. */
const RESULT_WAIT_MS = 20_000;
const RESULT_POLL_MS = 1000;

export function initLearner() {
  $('#my-courses-refresh').addEventListener('click', () => loadMyCourses());
}

export async function showLearner() {
  const pending = readPending();
  const list = loadMyCourses();
  if (pending) await awaitResult(pending);
  await list;
}

function readPending() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function fillRow(tr, r, attemptsToggle) {
  const e = r.effective ?? {};
  tr.replaceChildren(
    h('td', {}, h('div', { class: 'mono' }, r.courseId), r.state !== 'active' ? h('div', { class: 'hint' }, r.state) : null,
      r.instance > 0 ? h('div', { class: 'hint', dataset: { field: 'instance' } }, `instance ${r.instance}`) : null),
    h('td', {}, pill(e.completion, 'completion')),
    h('td', {}, pill(e.success, 'success')),
    h('td', { dataset: { field: 'score' } }, formatScore(e.score)),
    h('td', { dataset: { field: 'time' } }, formatSeconds(e.totalSeconds)),
    h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'launch', onclick: (ev) => launch(r, ev.target) }, 'Launch'),
      attemptsToggle));
}

export async function loadMyCourses() {
  const s = currentSession();
  if (!s) return;
  say($('#my-courses-error'), '');
  try {
    const items = [];
    let token = null;
    do {
      const page = await request(`/learners/${enc(s.subject)}/registrations?pageSize=200${token ? `&continuationToken=${enc(token)}` : ''}`);
      items.push(...(page.items ?? []));
      token = page.continuationToken;
    } while (token);
    const shown = items.filter((r) => r.state !== 'deleted');
    const rows = shown.flatMap((r) => {
      const tr = h('tr', { dataset: { registrationId: r.registrationId, courseId: r.courseId } });
      const history = attempts(r.registrationId, 6, loadMyCourses);
      fillRow(tr, r, history.toggle);
      return [tr, history.row];
    });
    $('#my-courses-table tbody').replaceChildren(...rows);
    show($('#my-courses-empty'), shown.length === 0);
  } catch (e) {
    say($('#my-courses-error'), e.display ?? e.message);
  }
}

/**
 * POST for our signed, single-use launch URL, then navigate this window to it. The page never sees a SCORM Cloud
 * link; the API 302s to SCORM Cloud's player, and SCORM Cloud sends the learner back through the API's exit
 * endpoint to this app.
 */
async function launch(r, button) {
  button.disabled = true;
  say($('#my-courses-error'), '');
  try {
    const { launchUrl } = await request(`/registrations/${enc(r.registrationId)}/launch`, { method: 'POST' });
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({
      registrationId: r.registrationId,
      courseId: r.courseId,
      before: r.reported?.updatedAt ?? null,
      launchedAt: new Date().toISOString(),
    }));
    window.location.assign(launchUrl);
  } catch (e) {
    button.disabled = false;
    say($('#my-courses-error'), e.display ?? e.message);
  }
}

function showResult(r, phase) {
  const card = $('#last-result');
  show(card);
  say($('#last-result-phase'), phase);
  const e = r.effective ?? {};
  card.dataset.registrationId = r.registrationId;
  $('[data-field="course"]', card).textContent = r.courseId;
  $('[data-field="completion"]', card).replaceChildren(pill(e.completion));
  $('[data-field="success"]', card).replaceChildren(pill(e.success));
  $('[data-field="score"]', card).textContent = formatScore(e.score);
  $('[data-field="time"]', card).textContent = formatSeconds(e.totalSeconds);
  show($('#last-result-facts'));
}

/**
 * Back from the course: SCORM Cloud's postback usually arrives within a second or two, so poll the registration
 * until its reported results change (asking the API to refresh once if they do not), then show them.
 */
async function awaitResult(pending) {
  const card = $('#last-result');
  show(card);
  show($('#last-result-facts'), false);
  card.dataset.state = 'waiting';
  say($('#last-result-phase'), 'Welcome back. Fetching your result…');
  const started = Date.now();
  let refreshed = false;
  let latest = null;
  while (Date.now() - started < RESULT_WAIT_MS) {
    try {
      latest = await request(`/registrations/${enc(pending.registrationId)}`);
      const updated = latest.reported?.updatedAt ?? null;
      if (updated && updated !== pending.before) break;
      if (!refreshed && Date.now() - started > RESULT_WAIT_MS / 2) {
        refreshed = true;
        await request(`/registrations/${enc(pending.registrationId)}/refresh`, { method: 'POST' }).catch(() => null);
      }
    } catch (e) {
      say($('#last-result-phase'), e.display ?? e.message);
    }
    await sleep(RESULT_POLL_MS);
  }
  sessionStorage.removeItem(PENDING_KEY);
  card.dataset.state = 'done';
  if (!latest) {
    say($('#last-result-phase'), 'Your result is not available yet; refresh the list in a moment.');
    return;
  }
  const changed = (latest.reported?.updatedAt ?? null) !== pending.before;
  showResult(latest, changed ? 'Your latest result:' : 'No new result from this session yet; it may take a moment.');
  loadMyCourses();
}
