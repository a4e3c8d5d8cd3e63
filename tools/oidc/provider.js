// A local OpenID Connect provider for development and the browser tests (oidc-provider, pinned in package-lock.json).
// It plays the part Entra ID plays in Azure: the sample SPA signs users in here (authorization code + PKCE), and the
// access tokens it issues are JWTs (RS256) for the API's audience with the user's app roles in the `roles` claim,
// validated by the API through this provider's discovery document and JWKS.
//
// Local only: loopback, in-memory sessions, and the users below with local-only passwords.
//
// Settings (environment):
//   OIDC_PORT              port on 127.0.0.1 (default 7073); the issuer is http://127.0.0.1:<port>
//   OIDC_CLIENT_ORIGINS    comma-separated SPA origins; each gets <origin>/ (and /silent-renew.html) as redirect URI
//                          and <origin>/ as post-logout redirect URI
//                          (default http://127.0.0.1:7071)
//   OIDC_AUDIENCE          the API's audience (default api://scormfunctions)
//   OIDC_ACCESS_TOKEN_TTL  access token lifetime in seconds (default 300)
//   OIDC_DATA              folder for the signing key and cookie keys, kept across restarts (default: none, random per run)
//   OIDC_PARENT_PID        exit when this process is gone (test fixtures)
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 7073);
const issuer = `http://127.0.0.1:${port}`;
const audience = process.env.OIDC_AUDIENCE || 'api://scormfunctions';
// The delegated scope of the API, spelled the way Entra ID spells it (Expose an API → access_as_user).
const apiScope = `${audience}/access_as_user`;
const accessTokenTtl = Number(process.env.OIDC_ACCESS_TOKEN_TTL || 300);
const origins = (process.env.OIDC_CLIENT_ORIGINS || 'http://127.0.0.1:7071').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
const clientId = 'scormfunctions-spa';

// The users of the login page: local-only passwords, never used anywhere else. `roles` are app roles, as in Entra ID.
const users = {
  ada: { password: 'ada-local', name: 'Ada Lovelace', roles: ['admin'] },
  lin: { password: 'lin-local', name: 'Lin Learner', roles: ['learner'] },
  grace: { password: 'grace-local', name: 'Grace Hopper', roles: ['learner'] },
  linus: { password: 'linus-local', name: 'Linus Torvalds', roles: ['learner'] },
  ken: { password: 'ken-local', name: 'Ken Thompson', roles: ['learner'] },
};

function loadKeys() {
  const create = () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    return { signing: { ...jwk, kid: crypto.randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' }, cookies: [crypto.randomBytes(32).toString('base64url')] };
  };
  const dir = process.env.OIDC_DATA;
  if (!dir) return create();
  const file = path.join(dir, 'oidc-keys.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    const keys = create();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    return keys;
  }
}
const keys = loadKeys();

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#eef1f6;color:#1d2433;margin:0}
  header{background:#233a5e;color:#fff;padding:14px 24px;font-weight:600}
  main{max-width:380px;margin:48px auto;background:#fff;border-radius:10px;box-shadow:0 2px 10px rgba(0,0,0,.08);padding:24px 28px}
  h1{font-size:1.25rem;margin:0 0 6px}p{color:#4b5568;font-size:.9rem}
  label{display:block;font-size:.85rem;font-weight:600;margin:14px 0 4px}
  input{width:100%;box-sizing:border-box;padding:9px 10px;border:1px solid #c5cbd6;border-radius:6px;font-size:1rem}
  button{margin-top:18px;width:100%;padding:10px;border:0;border-radius:6px;background:#2f6fde;color:#fff;font-size:1rem;font-weight:600;cursor:pointer}
  button.secondary{background:#e4e8ef;color:#1d2433;margin-top:8px}
  .error{color:#b42318;font-weight:600}.users{font-size:.8rem;color:#5b6475}code{background:#f1f3f7;padding:1px 4px;border-radius:4px}
</style></head>
<body><header>Local OpenID Connect provider · ${escapeHtml(issuer)}</header><main>${body}</main></body></html>`;

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_name: 'ScormFunctions sample app',
    application_type: 'web',
    token_endpoint_auth_method: 'none', // a public client: PKCE, no secret
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: origins.flatMap((o) => [`${o}/`, `${o}/silent-renew.html`]),
    post_logout_redirect_uris: origins.map((o) => `${o}/`),
  }],
  jwks: { keys: [keys.signing] },
  cookies: { keys: keys.cookies },
  scopes: ['openid', 'profile', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name'] },
  pkce: { methods: ['S256'], required: () => true },
  // The app calls the token endpoint from the browser: allow exactly the origins of its redirect URIs.
  clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
  findAccount: async (_ctx, id) => (users[id] ? {
    accountId: id,
    claims: async () => ({ sub: id, name: users[id].name }),
  } : undefined),
  // First-party app: no consent screen. The grant covers what the app asks for.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile offline_access');
    grant.addResourceScope(audience, apiScope);
    await grant.save();
    return grant;
  },
  // Like Entra ID for SPAs: a refresh token with every code exchange, bound to the sign-in session (it ends with sign-out).
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  // App roles in the access token, in the claim the API reads (Entra ID puts them in `roles` too).
  extraTokenClaims: async (_ctx, token) => (token.kind === 'AccessToken' && users[token.accountId]
    ? { roles: users[token.accountId].roles }
    : undefined),
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      // Every access token is for the API, whether or not the app sends `resource`.
      defaultResource: async () => audience,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource) => {
        if (resource !== audience) throw new Provider.errors.InvalidTarget();
        return { scope: apiScope, audience, accessTokenTTL: accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
    rpInitiatedLogout: {
      enabled: true,
      // No question asked: the app's Sign out button was the question. The form is submitted at once.
      logoutSource: async (ctx, form) => {
        ctx.body = page('Signing out', `<h1>Signing out…</h1>${form}
          <script>const f=document.forms[0];const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>`);
      },
      postLogoutSuccessSource: async (ctx) => { ctx.body = page('Signed out', '<h1>Signed out</h1><p>You can close this window.</p>'); },
    },
  },
  ttl: {
    AccessToken: accessTokenTtl,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    Grant: 8 * 3600,
    Session: 8 * 3600,
    RefreshToken: 8 * 3600,
  },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', `<h1>Something went wrong</h1><p class="error">${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? '')}</p>`);
  },
});

function loginPage(uid, params, error, login) {
  return page('Sign in', `
    <h1>Sign in</h1>
    <p>to <strong>ScormFunctions sample app</strong> (${escapeHtml(params.client_id)})</p>
    <form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
      <label for="username">User name</label>
      <input id="username" name="username" required autofocus value="${escapeHtml(login ?? '')}">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" required>
      ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
      <button type="submit" id="submit-login">Sign in</button>
    </form>
    <form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit" class="secondary">Cancel</button></form>
    <p class="users">Local users: ${Object.entries(users).map(([u, v]) => `<code>${u}</code> (${v.roles.join(', ')})`).join(', ')};
      password: the user name + <code>-local</code>.</p>`);
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

// Development tokens for curl and tests (the local host's POST /api/dev/tokens forwards here when it trusts this
// provider): the same kind of access token as a signed-in user's (same key, issuer, audience, claims), for any
// subject and roles. Loopback only; there is no such thing in Entra ID.
function developmentToken({ subject, roles, lifetimeSeconds }) {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + Math.min(Number(lifetimeSeconds) || 8 * 3600, 8 * 3600);
  const header = { alg: 'RS256', typ: 'at+jwt', kid: keys.signing.kid };
  const claims = {
    iss: issuer, sub: subject, aud: audience, iat: now, nbf: now, exp, jti: crypto.randomUUID(),
    client_id: 'scormfunctions-dev-tokens', scope: apiScope, roles: Array.isArray(roles) ? roles.map(String) : [],
  };
  const input = `${base64url(header)}.${base64url(claims)}`;
  const signature = crypto.sign('sha256', Buffer.from(input), crypto.createPrivateKey({ key: keys.signing, format: 'jwk' }));
  return { token: `${input}.${signature.toString('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() };
}

const oidc = provider.callback();

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  try {
    if (url.pathname === '/dev/tokens' && req.method === 'POST') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (typeof body.subject !== 'string' || !body.subject) return send(res, 400, 'application/json', JSON.stringify({ error: 'subject is required' }));
      return send(res, 200, 'application/json', JSON.stringify(developmentToken(body)));
    }
    const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(url.pathname);
    if (match) {
      const details = await provider.interactionDetails(req, res);
      const [, uid, action] = match;
      if (uid !== details.uid) return send(res, 400, 'text/plain', 'interaction mismatch');
      if (!action && req.method === 'GET') {
        if (details.prompt.name !== 'login') {
          // Consent is implied for this first-party app (see loadExistingGrant); finish the interaction.
          return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
        }
        return send(res, 200, 'text/html; charset=utf-8', loginPage(uid, details.params));
      }
      if (action === 'login' && req.method === 'POST') {
        const form = await readForm(req);
        const username = (form.get('username') ?? '').trim();
        const user = Object.hasOwn(users, username) ? users[username] : undefined;
        if (!user || user.password !== form.get('password')) {
          return send(res, 200, 'text/html; charset=utf-8', loginPage(uid, details.params, 'Wrong user name or password.', username));
        }
        return provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
      }
      if (action === 'abort' && req.method === 'POST') {
        return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' }, { mergeWithLastSubmission: false });
      }
      return send(res, 405, 'text/plain', 'method not allowed');
    }
    return oidc(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) send(res, error.statusCode ?? 400, 'text/plain', error.message ?? 'error');
    return undefined;
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`oidc: ${issuer} (audience ${audience}, access tokens ${accessTokenTtl} s, clients ${origins.join(', ')})`);
});

const parent = Number(process.env.OIDC_PARENT_PID || 0);
if (parent) {
  setInterval(() => {
    try { process.kill(parent, 0); } catch { process.exit(0); }
  }, 1000).unref();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
