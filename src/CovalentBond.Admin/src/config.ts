// What the app is told by the site it is served from (/admin/config.json): where to sign in, and the site's ways.

export interface AdminConfig {
  /** The OpenID authority: Entra ID's https://login.microsoftonline.com/{tenant}/v2.0, or covalent dev's local issuer. */
  authority: string;
  /** The app registration of /admin (a single-page app with the redirect address {site}/admin/). */
  clientId: string;
  /** The API's scope, e.g. api://covalent-bond/Posts.ReadWrite. */
  scopes: string[];
  /** The site's language (the interface's, when the theme has it) and its time zone (IANA), for dates and schedules. */
  language: string;
  timeZone: string;
  /** The site's public address, for "view on the site". */
  siteUrl: string;
  /** Where a post's article lives: the permalink pattern, e.g. /posts/{slug}/. */
  articles: string;
}

export async function loadConfig(): Promise<AdminConfig> {
  const response = await fetch("config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return (await response.json()) as AdminConfig;
}
