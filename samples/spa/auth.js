// Signing in. Two ways, never mixed:
//  - OpenID Connect (the default): authorization code + PKCE with oidc-client-ts against the identity provider —
//    the local provider (scripts/oidc.sh) or Entra ID, configured by three values: authority, client id, scope.
//    The library keeps the user (tokens) in sessionStorage, its default, and renews the access token before it
//    expires with the refresh token; sign-out ends the provider's session too.
//  - A development token (POST /api/dev/tokens): local only, and only when the user opens that option explicitly.
// The API decides what a caller may do; the roles read here only choose which view to show.

const DEV_SESSION_KEY = 'scormfunctions.dev-session';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content?.trim() || '';

let userManager = null;
let config = { oidc: null, developmentTokens: false };
let session = null; // { subject, name, roles, mode: 'oidc' | 'dev', expiresAt }

/** The configuration: <meta name="oidc-authority|oidc-client-id|oidc-scope"> when set, otherwise the host's /spa-config.json. */
async function loadConfig() {
  if (meta('oidc-authority')) {
    return { oidc: { authority: meta('oidc-authority'), clientId: meta('oidc-client-id'), scope: meta('oidc-scope') }, developmentTokens: false };
  }
  try {
    const response = await fetch('spa-config.json', { headers: { Accept: 'application/json' } });
    if (response.ok) return await response.json();
  } catch { /* served elsewhere: no configuration */ }
  return { oidc: null, developmentTokens: false };
}

function decodePayload(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return {};
  }
}

function fromUser(user) {
  if (!user || user.expired && !user.refresh_token) return null;
  // App roles travel in the access token (the API's token), as Entra ID puts them there; shown, not trusted, here.
  const claims = decodePayload(user.access_token);
  const roles = Array.isArray(claims.roles) ? claims.roles : (claims.roles ? [claims.roles] : []);
  return { subject: user.profile.sub, name: user.profile.name ?? user.profile.sub, roles, mode: 'oidc', expiresAt: user.expires_at };
}

function readDevSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(DEV_SESSION_KEY) ?? 'null');
    if (!s || !s.token || (s.expiresAt && Date.parse(s.expiresAt) <= Date.now())) return null;
    return s;
  } catch {
    return null;
  }
}

/** Sets everything up and finishes a redirect back from the provider. Resolves to { error } when that failed. */
export async function initAuth({ onChange } = {}) {
  config = await loadConfig();
  let error = null;
  if (config.oidc) {
    if (!window.oidc?.UserManager) {
      error = 'The OpenID Connect library is missing: run scripts/oidc.sh install (it serves /vendor/oidc-client-ts/).';
    } else {
      const origin = window.location.origin;
      const renewBefore = Number(config.oidc.renewSecondsBeforeExpiry) || 60;
      userManager = new window.oidc.UserManager({
        authority: config.oidc.authority,
        client_id: config.oidc.clientId,
        scope: config.oidc.scope,
        redirect_uri: `${origin}/`,
        post_logout_redirect_uri: `${origin}/`,
        silent_redirect_uri: `${origin}/silent-renew.html`,
        response_type: 'code',
        loadUserInfo: false,
        automaticSilentRenew: true,
        accessTokenExpiringNotificationTimeInSeconds: renewBefore,
        // The default store, said out loud: this tab's sessionStorage.
        userStore: new window.oidc.WebStorageStateStore({ store: window.sessionStorage }),
      });
      userManager.events.addUserLoaded((user) => { if (session?.mode !== 'dev') { session = fromUser(user); onChange?.(); } });
      userManager.events.addUserSignedOut(() => { session = null; onChange?.(); });
      userManager.events.addSilentRenewError((e) => console.warn('token renewal failed', e));
      const params = new URLSearchParams(window.location.search);
      try {
        if (params.has('code') && params.has('state')) {
          await userManager.signinRedirectCallback();
        } else if (params.has('error') && params.has('state')) {
          await userManager.signinRedirectCallback(); // throws the provider's error
        } else if (params.has('state')) {
          await userManager.signoutRedirectCallback();
        }
      } catch (e) {
        error = `Sign-in failed: ${e.error_description || e.message}`;
      } finally {
        if (params.has('state')) window.history.replaceState(null, '', window.location.pathname);
      }
    }
  }
  const dev = readDevSession();
  if (dev) {
    session = { subject: dev.subject, name: dev.subject, roles: dev.roles, mode: 'dev', expiresAt: dev.expiresAt };
  } else if (userManager) {
    session = fromUser(await userManager.getUser());
  }
  return { error };
}

export const oidcConfigured = () => !!config.oidc && !!userManager;

export const developmentTokensAvailable = () => !!config.developmentTokens;

/** { subject, name, roles, mode } of the signed-in user, or null. */
export const currentSession = () => session;

/** Redirects to the provider's login page. */
export async function signIn() {
  sessionStorage.removeItem(DEV_SESSION_KEY);
  await userManager.signinRedirect();
}

/** Development only, explicit: a token from POST /api/dev/tokens, kept for this tab. */
export function useDevelopmentToken(body, subject, roles) {
  const dev = { token: body.token, expiresAt: body.expiresAt, subject, roles };
  sessionStorage.setItem(DEV_SESSION_KEY, JSON.stringify(dev));
  session = { subject, name: subject, roles, mode: 'dev', expiresAt: body.expiresAt };
  return session;
}

/** The bearer token for the next API call, renewed first when it has expired; null when signed out. */
export async function accessToken() {
  if (session?.mode === 'dev') return readDevSession()?.token ?? null;
  if (!userManager) return null;
  let user = await userManager.getUser();
  if (!user) return null;
  if (user.expired) user = await renew();
  return user?.access_token ?? null;
}

/** Renews the access token now (refresh token; the provider's session otherwise). Null when that is not possible. */
export async function renew() {
  if (session?.mode === 'dev' || !userManager) return null;
  try {
    return await userManager.signinSilent();
  } catch (e) {
    console.warn('token renewal failed', e);
    return null;
  }
}

/** Forgets the session here; with OpenID Connect, also signs out at the provider (which redirects back). */
export async function signOut({ everywhere = true } = {}) {
  const wasDev = session?.mode === 'dev';
  session = null;
  sessionStorage.removeItem(DEV_SESSION_KEY);
  if (wasDev || !userManager) return;
  const user = await userManager.getUser();
  if (everywhere && user) {
    await userManager.signoutRedirect();
  } else {
    await userManager.removeUser();
  }
}
