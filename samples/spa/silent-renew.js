// The silent-renew iframe: passes the provider's answer to the UserManager of the page.
new window.oidc.UserManager({ authority: '', client_id: '', redirect_uri: '' }).signinSilentCallback()
  .catch((e) => console.warn('silent renew callback failed', e));
