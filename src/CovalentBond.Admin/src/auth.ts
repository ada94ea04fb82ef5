// Sign-in: the OAuth 2.0 authorization code flow with PKCE (RFC 7636, S256), state and nonce, the flow Entra ID gives
// single-page apps. The same code signs in against Entra ID and against covalent dev's local issuer.
//
// Not MSAL.js: MSAL refuses any authority that is not https ("authority_uri_insecure"), and covalent dev's issuer is
// plain http on loopback, so the development path and the browser tests would have run other sign-in code than
// production. docs/editor.md says what MSAL would add (a shared token cache, brokered sign-in, claims challenges).

import type { AdminConfig } from "./config";

interface Discovery { issuer: string; authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string }
interface Tokens { access: string; refresh?: string; expiresAt: number; name: string; id: string }
interface Pending { verifier: string; state: string; nonce: string; returnTo: string }

const TokensKey = "covalent-admin-tokens";
const PendingKey = "covalent-admin-sign-in";
let config: AdminConfig;
let discovery: Discovery;
let tokens: Tokens | null = null;

const redirectUri = () => new URL("/admin/", location.origin).href;
const scopeParam = () => ["openid", "profile", "offline_access", ...config.scopes].join(" ");

function randomText(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

/** A sign-in refused or broken, with the authority's own words. */
export class SignInError extends Error {}

async function tokenRequest(form: Record<string, string>, nonce?: string): Promise<Tokens> {
  const response = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: config.clientId, scope: scopeParam(), ...form }),
  });
  const body = await response.json();
  if (!response.ok || !body.access_token) throw new SignInError(body.error_description ?? body.error ?? `the token endpoint answered ${response.status}`);
  // The ID token names the person; its nonce ties it to this sign-in. (The API checks the access token's signature.)
  const id = body.id_token ? claimsOf(body.id_token) : null;
  if (id && (id.aud !== config.clientId || id.iss !== discovery.issuer || (nonce !== undefined && id.nonce !== nonce))) {
    throw new SignInError("the ID token is not for this app or this sign-in");
  }
  const previous = tokens;
  return {
    access: body.access_token,
    refresh: body.refresh_token ?? previous?.refresh,
    expiresAt: Date.now() + Number(body.expires_in ?? 3600) * 1000,
    name: String(id?.name ?? previous?.name ?? ""),
    id: String(id?.oid ?? id?.sub ?? previous?.id ?? ""),
  };
}

function keep(next: Tokens | null): void {
  tokens = next;
  if (next) sessionStorage.setItem(TokensKey, JSON.stringify(next));
  else sessionStorage.removeItem(TokensKey);
}

/**
 * Reads the authority's configuration and finishes a sign-in the page is returning from (?code=…&state=…). Resolves
 * with whether someone is signed in. Tokens live as long as the tab (sessionStorage).
 */
export async function startSignIn(settings: AdminConfig): Promise<boolean> {
  config = settings;
  discovery = await (await fetch(`${config.authority.replace(/\/$/, "")}/.well-known/openid-configuration`)).json();
  tokens = JSON.parse(sessionStorage.getItem(TokensKey) ?? "null");
  const query = new URLSearchParams(location.search);
  if (!query.has("code") && !query.has("error")) return tokens !== null;

  const pending = JSON.parse(sessionStorage.getItem(PendingKey) ?? "null") as Pending | null;
  sessionStorage.removeItem(PendingKey);
  history.replaceState(null, "", `${location.pathname}${pending?.returnTo ?? ""}`);
  if (query.has("error")) throw new SignInError(query.get("error_description") ?? query.get("error")!);
  if (!pending || query.get("state") !== pending.state) throw new SignInError("the answer does not belong to a sign-in this page started");
  keep(await tokenRequest({ grant_type: "authorization_code", code: query.get("code")!, redirect_uri: redirectUri(), code_verifier: pending.verifier }, pending.nonce));
  return true;
}

/** Sends the person to the authority to sign in; they come back to where they were. */
export async function signIn(): Promise<never> {
  const pending: Pending = { verifier: randomText(32), state: randomText(16), nonce: randomText(16), returnTo: location.hash };
  sessionStorage.setItem(PendingKey, JSON.stringify(pending));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pending.verifier))));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: "code",
    response_mode: "query",
    redirect_uri: redirectUri(),
    scope: scopeParam(),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.href);
  return new Promise<never>(() => {});
}

export function signOut(): void {
  keep(null);
  if (discovery.end_session_endpoint) {
    const url = new URL(discovery.end_session_endpoint);
    url.searchParams.set("post_logout_redirect_uri", redirectUri());
    location.assign(url.href);
  } else location.reload();
}

/** An access token for the API: the one held while it has a minute left, else renewed with the refresh token, else a new sign-in. */
export async function accessToken(): Promise<string> {
  if (tokens && tokens.expiresAt - 60_000 > Date.now()) return tokens.access;
  if (tokens?.refresh) {
    try {
      keep(await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh }));
      return tokens!.access;
    } catch {
      keep(null);
    }
  }
  return signIn();
}
