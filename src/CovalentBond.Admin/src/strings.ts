// The interface's words, from the theme's own language files (strings.{lang}.json, the admin_* keys), which the build
// copies beside the app. English fills what a language lacks.

let texts: Record<string, string> = {};
let fallback: Record<string, string> = {};
export let language = "en";

export async function loadStrings(wanted: string): Promise<void> {
  fallback = await (await fetch("strings.en.json")).json();
  language = "en";
  texts = fallback;
  const short = wanted.split("-")[0].toLowerCase();
  if (short !== "en") {
    const response = await fetch(`strings.${encodeURIComponent(short)}.json`);
    if (response.ok) {
      texts = await response.json();
      language = short;
    }
  }
  document.documentElement.lang = language;
}

/** The text of `key` with {0}, {1}… filled in. */
export function t(key: string, ...values: (string | number)[]): string {
  const text = texts[key] ?? fallback[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ""));
}
