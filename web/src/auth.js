// @ts-check
// Sign-in for the pages: OpenID Connect authorization code + PKCE through oidc-client-ts against the
// configured authority (locally the local host's stand-in at /dev/oidc). In development a token from the
// local host's token command may be pasted instead. The API checks every token; the page only carries it.
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

const DEV_KEY = 'otrabotka.devToken';
const config = document.querySelector('meta[name="otrabotka-signin"]').dataset;
export const devTokensAllowed = config.devTokens === 'true';

let manager = null;
function oidc() {
  if (!manager) {
    const here = `${location.origin}${location.pathname}`;
    manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: here,
      post_logout_redirect_uri: here,
      response_type: 'code',
      scope: config.scope || 'openid',
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
      monitorSession: false,
      loadUserInfo: false,
    });
  }
  return manager;
}

function expiresAt(jwt) {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' ? payload.exp : 0;
  } catch {
    return 0;
  }
}

/**
 * Finishes a sign-in the authority sent back, then reports the session:
 * { token } when signed in; { reason: 'expired' | 'refused' | 'unavailable' | 'none', detail? } otherwise.
 */
export async function session() {
  if (cameBackFromSignOut()) return { reason: 'signed-out' };
  const params = new URLSearchParams(location.search);
  if (params.has('error')) {
    history.replaceState(null, '', location.pathname);
    await oidc().clearStaleState().catch(() => {});
    return { reason: 'refused', detail: params.get('error_description') || params.get('error') };
  }
  if (params.has('code') && params.has('state')) {
    try {
      const user = await oidc().signinRedirectCallback();
      history.replaceState(null, '', location.pathname);
      return { token: user.access_token };
    } catch (e) {
      history.replaceState(null, '', location.pathname);
      return { reason: 'refused', detail: e?.message };
    }
  }
  const dev = sessionStorage.getItem(DEV_KEY);
  if (dev) {
    if (expiresAt(dev) * 1000 > Date.now()) return { token: dev };
    sessionStorage.removeItem(DEV_KEY);
    return { reason: 'expired' };
  }
  const user = await oidc().getUser().catch(() => null);
  if (user && !user.expired) return { token: user.access_token };
  if (user) {
    await oidc().removeUser();
    return { reason: 'expired' };
  }
  return { reason: 'none' };
}

export async function signIn() {
  try {
    await oidc().signinRedirect();
    return null;
  } catch (e) {
    return e?.message || 'unavailable';
  }
}

/** Checks a pasted development token's shape and lifetime; answers an error key or null. */
export function useDevelopmentToken(text) {
  const token = text.trim().replace(/^Bearer\s+/i, '');
  if (token.split('.').length !== 3) return 'pages.signin.devTokenBad';
  if (expiresAt(token) * 1000 <= Date.now()) return 'pages.auth.expired';
  sessionStorage.setItem(DEV_KEY, token);
  return null;
}

const SIGNING_OUT = 'otrabotka.signingOut';

/**
 * Forgets the session in this browser and, when the authority offers it, ends the authority's session too
 * (the browser comes back to this page, which then says so). Answers false when no redirect follows.
 */
export async function signOut() {
  sessionStorage.removeItem(DEV_KEY);
  const user = await oidc().getUser().catch(() => null);
  await oidc().removeUser();
  if (!user) return false;
  try {
    sessionStorage.setItem(SIGNING_OUT, '1');
    await oidc().signoutRedirect({ id_token_hint: user.id_token });
    return true;
  } catch {
    sessionStorage.removeItem(SIGNING_OUT);
    return false;
  }
}

/** True once, on the page the authority sent back to after signing out. */
export function cameBackFromSignOut() {
  if (!sessionStorage.getItem(SIGNING_OUT)) return false;
  sessionStorage.removeItem(SIGNING_OUT);
  if (location.search) history.replaceState(null, '', location.pathname);
  return true;
}

/** Drops a session the API refused (expired or revoked). */
export async function forget() {
  sessionStorage.removeItem(DEV_KEY);
  await oidc().removeUser().catch(() => {});
}
