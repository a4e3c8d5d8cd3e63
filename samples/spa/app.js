// Entry point: sign-in (OpenID Connect; a development token only when chosen), then the admin or learner view.
import { signInWithDevToken } from './api.js';
import { currentSession, developmentTokensAvailable, initAuth, oidcConfigured, signIn, signOut } from './auth.js';
import { initAdmin, showAdmin } from './admin.js';
import { $, say, show } from './dom.js';
import { initLearner, showLearner } from './learner.js';

let shownFor = null;

function render(message) {
  const s = currentSession();
  const isAdmin = !!s?.roles?.includes('admin');
  show($('#sign-in'), !s);
  show($('#whoami'), !!s);
  show($('#admin'), !!s && isAdmin);
  show($('#learner'), !!s && !isAdmin);
  if (message !== undefined) say($('#notice'), message);
  if (!s) {
    shownFor = null;
    document.body.dataset.view = 'signed-out';
    show($('#sign-in-oidc'), oidcConfigured());
    show($('#sign-in-oidc-missing'), !oidcConfigured());
    show($('#dev-sign-in'), developmentTokensAvailable());
    if (oidcConfigured()) $('#sign-in-oidc').focus();
    return;
  }
  $('#whoami-subject').textContent = s.subject;
  $('#whoami-role').textContent = isAdmin ? 'admin' : 'learner';
  $('#whoami-mode').textContent = s.mode === 'dev' ? 'development token' : '';
  document.body.dataset.view = isAdmin ? 'admin' : 'learner';
  document.body.dataset.auth = s.mode;
  // Token renewals re-render: load the view once per user, not on every new access token.
  const key = `${s.mode}:${s.subject}:${isAdmin}`;
  if (shownFor === key) return;
  shownFor = key;
  if (isAdmin) showAdmin(); else showLearner();
}

$('#sign-in-oidc').addEventListener('click', async () => {
  say($('#sign-in-error'), '');
  $('#sign-in-oidc').disabled = true;
  try {
    await signIn(); // navigates to the provider's login page
  } catch (err) {
    say($('#sign-in-error'), `The identity provider could not be reached (${err.message}).`);
    $('#sign-in-oidc').disabled = false;
  }
});

$('#sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const subject = $('#sign-in-subject').value.trim();
  const role = new FormData(e.target).get('role');
  say($('#sign-in-error'), '');
  $('#sign-in-submit').disabled = true;
  try {
    await signInWithDevToken(subject, role === 'admin' ? ['admin'] : ['learner']);
    render('');
  } catch (err) {
    say($('#sign-in-error'), err.status === 404
      ? 'Development tokens are not available: the API is not running in the Development environment.'
      : (err.display ?? err.message));
  } finally {
    $('#sign-in-submit').disabled = false;
  }
});

$('#sign-out').addEventListener('click', async () => {
  $('#sign-out').disabled = true;
  try {
    await signOut(); // with OpenID Connect: the provider ends its session and sends the browser back here
  } finally {
    $('#sign-out').disabled = false;
    render('');
  }
});

window.addEventListener('api:unauthorized', async () => {
  await signOut({ everywhere: false });
  render('Your session has expired. Please sign in again.');
});

initAdmin();
initLearner();
const { error } = await initAuth({ onChange: () => render() });
render(error ?? '');
document.body.dataset.ready = 'true';
