// Entry point: development sign-in, then the admin or learner view.
import { currentSession, signInWithDevToken, signOut } from './api.js';
import { initAdmin, showAdmin } from './admin.js';
import { $, say, show } from './dom.js';
import { initLearner, showLearner } from './learner.js';

function render(message) {
  const s = currentSession();
  const isAdmin = !!s?.roles?.includes('admin');
  show($('#sign-in'), !s);
  show($('#whoami'), !!s);
  show($('#admin'), !!s && isAdmin);
  show($('#learner'), !!s && !isAdmin);
  say($('#notice'), message ?? '');
  if (!s) {
    $('#sign-in-subject').focus();
    return;
  }
  $('#whoami-subject').textContent = s.subject;
  $('#whoami-role').textContent = isAdmin ? 'admin' : 'learner';
  document.body.dataset.view = isAdmin ? 'admin' : 'learner';
  if (isAdmin) showAdmin(); else showLearner();
}

$('#sign-in-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const subject = $('#sign-in-subject').value.trim();
  const role = new FormData(e.target).get('role');
  say($('#sign-in-error'), '');
  $('#sign-in-submit').disabled = true;
  try {
    await signInWithDevToken(subject, role === 'admin' ? ['admin'] : ['learner']);
    render();
  } catch (err) {
    say($('#sign-in-error'), err.status === 404
      ? 'Development tokens are not available: the API is not running in the Development environment.'
      : (err.display ?? err.message));
  } finally {
    $('#sign-in-submit').disabled = false;
  }
});

$('#sign-out').addEventListener('click', () => {
  signOut();
  document.body.dataset.view = 'signed-out';
  render();
});

window.addEventListener('api:unauthorized', () => {
  signOut();
  render('Your session has expired. Please sign in again.');
});

initAdmin();
initLearner();
render();
document.body.dataset.ready = 'true';
