// Small DOM helpers: elements are built with textContent (never innerHTML), so API data cannot inject markup.

export const $ = (selector, root = document) => root.querySelector(selector);

/** h('td', { class: 'x', dataset: { id: 1 }, onclick: fn }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function show(el, visible = true) {
  el.hidden = !visible;
}

/** Shows a message in an element (hidden when empty). */
export function say(el, text) {
  el.textContent = text ?? '';
  el.hidden = !text;
}

export function formatScore(score) {
  if (score === null || score === undefined) return '—';
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export function formatSeconds(seconds) {
  if (!seconds) return '0 s';
  return `${Math.round(seconds)} s`;
}

export function formatDate(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString();
}

/** A status word as a coloured pill: completed/passed green, failed red, others grey. */
export function pill(value, field) {
  const v = value ?? 'unknown';
  const tone = v === 'completed' || v === 'passed' || v === 'succeeded' || v === 'ready' ? 'good'
    : v === 'failed' || v === 'timedOut' ? 'bad'
      : v === 'running' || v === 'importing' ? 'busy' : 'neutral';
  return h('span', { class: `pill ${tone}`, dataset: field ? { field } : undefined }, v);
}

export function slug(fileName) {
  return fileName.replace(/\.zip$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'course';
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
