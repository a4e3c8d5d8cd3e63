// Emulator player: hosts the SCO in a same-origin iframe with scorm-again's SCORM 1.2 or 2004 API.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('player-config').textContent);
  var settings = {
    lmsCommitUrl: config.commitUrl,          // carries its own token: the terminate beacon sends no headers
    autocommit: true,
    autocommitSeconds: 10,
    renderCommonCommitFields: true,
    terminateCommitParam: 'terminate',
    logLevel: 4
  };
  var exited = false;

  function exit() {
    if (exited) return;
    exited = true;
    // Let the terminate beacon leave first, then leave the player as SCORM Cloud does.
    setTimeout(function () {
      var target = config.redirectOnExitUrl;
      if (target === 'closer') { window.close(); return; }
      if (target === 'blank') { window.top.location.assign('about:blank'); return; }
      if (!target || target === 'message') {
        document.body.innerHTML = '<p style="font-family:sans-serif">You have exited the course. You may close this window.</p>';
        return;
      }
      window.top.location.assign(target);
    }, 50);
  }

  if (config.api === 'scorm12') {
    window.API = new window.Scorm12API(Object.assign({}, settings, { mastery_override: true }));
    window.API.loadFromJSON(config.cmi, '');
    window.API.on('LMSFinish', exit);
  } else if (config.api === 'scorm2004') {
    window.API_1484_11 = new window.Scorm2004API(settings);
    window.API_1484_11.loadFromJSON(config.cmi, '');
    window.API_1484_11.on('Terminate', exit);
  }
  // The API exists before the SCO loads and looks for it through window.parent.
  document.getElementById('sco').src = config.contentUrl;
})();
