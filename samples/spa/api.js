// The ScormFunctions HTTP API: bearer token (auth.js), JSON, RFC 9457 problem details turned into ApiError.
import { accessToken, renew, useDevelopmentToken } from './auth.js';

export { currentSession } from './auth.js';

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

/** Development only, chosen explicitly in the page: POST /api/dev/tokens. Everyone else signs in with OpenID Connect. */
export async function signInWithDevToken(subject, roles) {
  const body = await request('/dev/tokens', { method: 'POST', body: { subject, roles }, anonymous: true });
  return useDevelopmentToken(body, subject, roles);
}

/**
 * Calls the API. Returns parsed JSON (null for 204), or the Response itself with { raw: true }.
 * Throws ApiError with the problem's detail on any non-2xx answer.
 */
export async function request(path, { method = 'GET', body, raw = false, anonymous = false, signal } = {}) {
  const send = async (token) => {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await fetch(apiBase + path, {
        method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, null, `The API could not be reached (${e.message}).`);
    }
  };
  let response = await send(anonymous ? null : await accessToken());
  if (response.status === 401 && !anonymous) {
    // Expired or revoked on the way: renew once (refresh token) and try again with the new access token.
    const renewed = await renew();
    if (renewed?.access_token) response = await send(renewed.access_token);
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
