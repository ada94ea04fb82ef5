// The interface's words, from the theme's own language files (strings.{lang}.json, the admin_* keys), which the build
// copies beside the app. English fills what a language lacks.

let texts: Record<string, string> = {};
let fallback: Record<string, string> = {};
export let language = "en";

/** Loads the first language of `wanted` the theme has words for (the person's browser languages, then the site's). */
export async function loadStrings(wanted: readonly string[]): Promise<void> {
  fallback = await (await fetch("strings.en.json")).json();
  language = "en";
  texts = fallback;
  for (const short of [...new Set(wanted.map((w) => w.split("-")[0].toLowerCase()))]) {
    if (short === "en") break;
    if (!/^[a-z]{2,3}$/.test(short)) continue;
    const response = await fetch(`strings.${short}.json`);
    if (response.ok) {
      texts = await response.json();
      language = short;
      break;
    }
  }
  document.documentElement.lang = language;
}

/** The text of `key` with {0}, {1}… filled in. */
export function t(key: string, ...values: (string | number)[]): string {
  const text = texts[key] ?? fallback[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ""));
}
