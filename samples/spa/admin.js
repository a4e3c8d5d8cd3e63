// Admin view: upload + import, courses, assignment, registrations with overrides and attempts (retakes), CSV export.
import { ApiError, enc, request } from './api.js';
import { $, formatScore, formatSeconds, h, pill, say, show, sleep, slug } from './dom.js';
import { DEFAULT_BLOCK_BYTES, uploadInBlocks } from './upload.js';
import { watchEvents } from './events.js';
import { attempts } from './attempts.js';

const IMPORT_POLL_MS = 1000;
const IMPORT_POLL_LIMIT_MS = 15 * 60 * 1000;

let courses = [];
let selectedCourseId = null;

export function initAdmin() {
  $('#upload-file').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    if (file && !$('#upload-course-id').dataset.edited) $('#upload-course-id').value = slug(file.name);
  });
  $('#upload-course-id').addEventListener('input', (e) => { e.target.dataset.edited = e.target.value ? '1' : ''; });
  $('#upload-form').addEventListener('submit', (e) => { e.preventDefault(); uploadAndImport(); });
  $('#courses-refresh').addEventListener('click', () => loadCourses());
  $('#assign-form').addEventListener('submit', (e) => { e.preventDefault(); assign(); });
  $('#registrations-refresh').addEventListener('click', () => loadRegistrations());
  $('#registrations-csv').addEventListener('click', () => downloadCsv());
}

export async function showAdmin() {
  watchEvents();
  await loadCourses();
}

// ---- Upload and import -------------------------------------------------------------------------------------

function setProgress(sent, total) {
  const percent = total > 0 ? Math.floor((sent / total) * 100) : 100;
  const bar = $('#upload-progress');
  bar.value = percent;
  bar.dataset.percent = String(percent);
  $('#upload-percent').textContent = `${percent}%`;
}

function resetImportView() {
  show($('#upload-status'));
  setProgress(0, 1);
  say($('#upload-phase'), '');
  show($('#import-result'), false);
  show($('#import-warnings'), false);
  $('#import-warning-list').replaceChildren();
  say($('#import-error'), '');
}

function showImport(imp) {
  show($('#import-result'));
  $('#import-status').replaceChildren(pill(imp.status, 'import-status'));
  $('#import-title').textContent = imp.title ?? '—';
  $('#import-standard').textContent = imp.learningStandard ?? '—';
  const warnings = imp.parserWarnings ?? [];
  $('#import-warning-list').replaceChildren(...warnings.map((w) => h('li', {}, w)));
  show($('#import-warnings'), warnings.length > 0);
  say($('#import-error'), imp.error ?? '');
}

async function uploadAndImport() {
  const file = $('#upload-file').files?.[0];
  const courseId = $('#upload-course-id').value.trim();
  if (!file || !courseId) return;
  const button = $('#upload-submit');
  button.disabled = true;
  resetImportView();
  try {
    say($('#upload-phase'), 'Requesting an upload URL…');
    const upload = await request(`/courses/${enc(courseId)}/uploads`, { method: 'POST' });
    if (upload.maxBytes && file.size > upload.maxBytes) {
      throw new Error(`The file is ${file.size} bytes; the largest package accepted is ${upload.maxBytes} bytes.`);
    }
    const kib = Number($('#upload-block-kib').value);
    const blockBytes = kib > 0 ? kib * 1024 : (upload.blockSizeBytes || DEFAULT_BLOCK_BYTES);
    say($('#upload-phase'), `Uploading ${file.name} (${file.size.toLocaleString()} bytes) to Blob Storage…`);
    const sent = await uploadInBlocks(file, upload.uploadUrl, { blockBytes, onProgress: setProgress });
    setProgress(1, 1);
    say($('#upload-phase'), `Uploaded in ${sent.blocks} block${sent.blocks === 1 ? '' : 's'}. Starting the import…`);

    let accepted;
    try {
      accepted = await request(`/courses/${enc(courseId)}/imports`, {
        method: 'POST',
        body: { uploadId: upload.uploadId, mayCreateNewVersion: $('#upload-new-version').checked },
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        // A bad package: the detail is written for the course author.
        showImport({ status: 'failed', title: null, learningStandard: null, parserWarnings: [], error: e.display });
        say($('#upload-phase'), e.problem?.title ?? 'The package cannot be imported.');
        return;
      }
      throw e;
    }
    await pollImport(courseId, accepted.importId);
  } catch (e) {
    say($('#upload-phase'), 'The upload or import did not finish.');
    say($('#import-error'), e instanceof ApiError ? e.display : e.message);
  } finally {
    button.disabled = false;
    loadCourses();
  }
}

async function pollImport(courseId, importId) {
  const started = Date.now();
  for (;;) {
    const imp = await request(`/courses/${enc(courseId)}/imports/${enc(importId)}`);
    showImport(imp);
    if (imp.status !== 'running') {
      say($('#upload-phase'), imp.status === 'succeeded'
        ? `Imported “${imp.title ?? courseId}” (version ${imp.version ?? '?'}).`
        : `Import ${imp.status}.`);
      return imp;
    }
    say($('#upload-phase'), `Importing in SCORM Cloud… (${Math.round((Date.now() - started) / 1000)} s)`);
    if (Date.now() - started > IMPORT_POLL_LIMIT_MS) {
      say($('#upload-phase'), 'Still importing; refresh the course list later.');
      return imp;
    }
    await sleep(IMPORT_POLL_MS);
  }
}

// ---- Courses ---------------------------------------------------------------------------------------------

export async function loadCourses() {
  say($('#courses-error'), '');
  try {
    const all = [];
    let token = null;
    do {
      const page = await request(`/courses?pageSize=200${token ? `&continuationToken=${enc(token)}` : ''}`);
      all.push(...(page.items ?? []));
      token = page.continuationToken;
    } while (token);
    courses = all;
  } catch (e) {
    say($('#courses-error'), e.display ?? e.message);
    return;
  }
  const rows = courses.map((c) => h('tr', { dataset: { courseId: c.courseId } },
    h('td', { class: 'mono' }, c.courseId),
    h('td', {}, c.title ?? '—'),
    h('td', {}, c.learningStandard ?? '—'),
    h('td', {}, c.version ?? '—'),
    h('td', {}, pill(c.status), c.lastError ? h('div', { class: 'error small' }, c.lastError) : null),
    h('td', { class: 'row-actions' }, h('button', {
      type: 'button', class: 'secondary', onclick: () => selectCourse(c.courseId),
    }, 'Registrations'))));
  $('#courses-table tbody').replaceChildren(...rows);
  show($('#courses-empty'), courses.length === 0);

  const select = $('#assign-course');
  const previous = select.value;
  const ready = courses.filter((c) => c.status !== 'deleted');
  select.replaceChildren(...ready.map((c) => h('option', { value: c.courseId }, c.title ? `${c.title} (${c.courseId})` : c.courseId)));
  if (ready.some((c) => c.courseId === previous)) select.value = previous;
  if (selectedCourseId) loadRegistrations();
}

// ---- Assign ----------------------------------------------------------------------------------------------

async function assign() {
  say($('#assign-result'), '');
  say($('#assign-error'), '');
  const courseId = $('#assign-course').value;
  const learner = {
    id: $('#assign-learner-id').value.trim(),
    firstName: $('#assign-first-name').value.trim() || undefined,
    lastName: $('#assign-last-name').value.trim() || undefined,
  };
  if (!courseId) { say($('#assign-error'), 'Upload a course first.'); return; }
  $('#assign-submit').disabled = true;
  try {
    const r = await request('/registrations', { method: 'POST', body: { courseId, learner } });
    say($('#assign-result'), `Assigned ${courseId} to ${learner.id} (registration ${r.registrationId}).`);
    selectCourse(courseId);
  } catch (e) {
    say($('#assign-error'), e.display ?? e.message);
  } finally {
    $('#assign-submit').disabled = false;
  }
}

// ---- Registrations, overrides, CSV -------------------------------------------------------------------------

function selectCourse(courseId) {
  selectedCourseId = courseId;
  $('#registrations-course').textContent = courseId;
  show($('#registrations-card'));
  loadRegistrations();
}

function results(r) {
  return h('div', { class: 'results' },
    pill(r.completion, 'completion'), ' ', pill(r.success, 'success'),
    h('span', { class: 'score', dataset: { field: 'score' } }, formatScore(r.score)),
    r.totalSeconds !== undefined ? h('span', { class: 'time', dataset: { field: 'time' } }, formatSeconds(r.totalSeconds)) : null);
}

function overrideCell(o) {
  if (!o) return h('span', { class: 'hint' }, '—');
  return h('div', { class: 'override' },
    h('div', {}, [o.completion, o.success, o.score !== null && o.score !== undefined ? `score ${formatScore(o.score)}` : null]
      .filter(Boolean).join(' · ')),
    o.reason ? h('div', { class: 'hint' }, `“${o.reason}”${o.by ? ` — ${o.by}` : ''}`) : null);
}

function overrideForm(r) {
  const completion = h('select', { name: 'completion', 'aria-label': 'Completion' },
    h('option', { value: '' }, 'completion: as reported'),
    ...['completed', 'incomplete', 'unknown'].map((v) => h('option', { value: v }, v)));
  const success = h('select', { name: 'success', 'aria-label': 'Success' },
    h('option', { value: '' }, 'success: as reported'),
    ...['passed', 'failed', 'unknown'].map((v) => h('option', { value: v }, v)));
  const score = h('input', { name: 'score', type: 'number', min: 0, max: 100, step: 'any', placeholder: 'score', 'aria-label': 'Score' });
  const reason = h('input', { name: 'reason', required: true, placeholder: 'reason (required)', 'aria-label': 'Reason' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'override-form' }, completion, success, score, reason,
    h('button', { type: 'submit' }, 'Save override'),
    h('button', { type: 'button', class: 'secondary', onclick: () => clearOverride(r, reason.value, error) }, 'Clear override'),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { reason: reason.value.trim() };
    if (completion.value) body.completion = completion.value;
    if (success.value) body.success = success.value;
    if (score.value !== '') body.score = Number(score.value);
    try {
      await request(`/registrations/${enc(r.registrationId)}/override`, { method: 'PUT', body });
      await loadRegistrations();
    } catch (err) {
      say(error, err.display ?? err.message);
    }
  });
  return form;
}

async function clearOverride(r, reason, error) {
  try {
    const q = reason ? `?reason=${enc(reason)}` : '';
    await request(`/registrations/${enc(r.registrationId)}/override${q}`, { method: 'DELETE' });
    await loadRegistrations();
  } catch (err) {
    say(error, err.display ?? err.message);
  }
}

export async function loadRegistrations() {
  if (!selectedCourseId) return;
  say($('#registrations-error'), '');
  let items = [];
  try {
    let token = null;
    do {
      const page = await request(`/courses/${enc(selectedCourseId)}/registrations?pageSize=200${token ? `&continuationToken=${enc(token)}` : ''}`);
      items.push(...(page.items ?? []));
      token = page.continuationToken;
    } while (token);
  } catch (e) {
    say($('#registrations-error'), e.display ?? e.message);
    items = [];
  }
  const rows = [];
  for (const r of items) {
    const name = [r.learner?.firstName, r.learner?.lastName].filter(Boolean).join(' ');
    const formRow = h('tr', { class: 'form-row', hidden: true }, h('td', { colspan: 5 }, overrideForm(r)));
    const history = attempts(r.registrationId, 5, loadRegistrations);
    rows.push(h('tr', { dataset: { registrationId: r.registrationId, learnerId: r.learner?.id } },
      h('td', {}, h('div', { class: 'mono' }, r.learner?.id), name ? h('div', { class: 'hint' }, name) : null,
        r.state !== 'active' ? h('div', { class: 'hint' }, r.state) : null,
        r.instance > 0 ? h('div', { class: 'hint', dataset: { field: 'instance' } }, `instance ${r.instance}`) : null),
      h('td', { class: 'reported' }, results(r.reported)),
      h('td', { class: 'override-cell' }, overrideCell(r.override)),
      h('td', { class: 'effective' }, results(r.effective), r.effective?.overridden ? h('div', { class: 'hint' }, 'overridden') : null),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'secondary', onclick: () => { formRow.hidden = !formRow.hidden; },
      }, 'Override…'), history.toggle)));
    rows.push(formRow, history.row);
  }
  $('#registrations-table tbody').replaceChildren(...rows);
  show($('#registrations-empty'), items.length === 0);
}

async function downloadCsv() {
  if (!selectedCourseId) return;
  say($('#registrations-error'), '');
  try {
    // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
    const response = await request(`/courses/${enc(selectedCourseId)}/registrations.csv`, { raw: true });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `${selectedCourseId}-registrations.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    say($('#registrations-error'), e.display ?? e.message);
  }
}
