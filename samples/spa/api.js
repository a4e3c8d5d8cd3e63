// The ScormFunctions HTTP API: bearer token, JSON, RFC 9457 problem details turned into ApiError.
const SESSION_KEY = 'scormfunctions.session';

const configured = document.querySelector('meta[name="scormfunctions-api"]')?.content?.trim() ?? '';
/** API origin + "/api"; same origin as the page unless the meta tag says otherwise. */
export const apiBase = (configured || window.location.origin).replace(/\/+$/, '') + '/api';

export class ApiError extends Error {
  constructor(status, problem, fallback) {
    const detail = problem?.detail || problem?.title || fallback || `HTTP ${status}`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    /** Validation problems: { field: [messages] }. */
    this.errors = problem?.errors ?? null;
  }

  /** One line for the page: the problem's detail, or its title, plus field errors. */
  get display() {
    const fields = this.errors ? Object.values(this.errors).flat().join(' ') : '';
    return [this.message, fields].filter(Boolean).join(' ');
  }
}

/** { token, subject, roles, expiresAt } of the signed-in user, or null. */
export function currentSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (!s || !s.token || (s.expiresAt && Date.parse(s.expiresAt) <= Date.now())) return null;
    return s;
  } catch {
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Development only: POST /api/dev/tokens. Production apps get the token from Entra ID / OIDC instead. */
export async function signInWithDevToken(subject, roles) {
  const body = await request('/dev/tokens', { method: 'POST', body: { subject, roles }, anonymous: true });
  const session = { token: body.token, expiresAt: body.expiresAt, subject, roles };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

/**
 * Calls the API. Returns parsed JSON (null for 204), or the Response itself with { raw: true }.
 * Throws ApiError with the problem's detail on any non-2xx answer.
 */
export async function request(path, { method = 'GET', body, raw = false, anonymous = false, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (!anonymous) {
    const s = currentSession();
    if (s) headers.Authorization = `Bearer ${s.token}`;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(apiBase + path, {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null, `The API could not be reached (${e.message}).`);
  }
  if (!response.ok) {
    let problem = null;
    const text = await response.text();
    try { problem = JSON.parse(text); } catch { /* not JSON */ }
    const error = new ApiError(response.status, problem, text.slice(0, 300) || response.statusText);
    if (response.status === 401 && !anonymous) window.dispatchEvent(new CustomEvent('api:unauthorized', { detail: error }));
    throw error;
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

export const enc = encodeURIComponent;
