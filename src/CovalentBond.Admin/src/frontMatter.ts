// The front matter as a form: a few top-level YAML fields read and written line by line, every other line kept as it
// was (comments, fields the form does not show, their order). TOML and JSON front matter are edited as source.

export interface Parts {
  /** The YAML between the --- lines, ending with a newline (or empty). */
  header: string;
  body: string;
  /** The line of the whole file the body starts at (1-based): problems at a line of the file map into the body. */
  bodyLine: number;
}

export function split(text: string): Parts | null {
  const match = /^---[ \t]*\r?\n/.exec(text);
  if (!match) return null;
  const rest = text.slice(match[0].length);
  const end = /^---[ \t]*(\r?\n|$)/m.exec(rest);
  if (!end) return null;
  const header = rest.slice(0, end.index);
  const body = rest.slice(end.index + end[0].length);
  return { header, body, bodyLine: lineCount(text.slice(0, match[0].length + end.index + end[0].length)) + 1 };
}

export const join = (header: string, body: string): string =>
  `---\n${header}${header.length === 0 || header.endsWith("\n") ? "" : "\n"}---\n${body}`;

const lineCount = (text: string): number => (text.match(/\n/g) ?? []).length;

/** Where a top-level key's value lies: its own line and any indented or "- " lines under it. */
function locate(lines: string[], key: string): { start: number; end: number } | null {
  const own = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \\t]*:`);
  const start = lines.findIndex((line) => own.test(line));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && /^([ \t]+\S|-[ \t]|-$)/.test(lines[end])) end++;
  return { start, end };
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
    return v.slice(1, -1).replace(/\\(["\\nt])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
  }
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/''/g, "'");
  return v.replace(/[ \t]+#.*$/, "");
}

/** Splits an inline list's items at commas outside quotes. */
function inlineItems(inner: string): string[] {
  const items: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const c of inner) {
    if (quote) {
      current += c;
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === ",") {
      items.push(current);
      current = "";
    } else current += c;
  }
  if (current.trim()) items.push(current);
  return items.map(unquote).filter((item) => item.length > 0);
}

/** A field's value: text, a list (tags, aliases), or undefined when absent. */
export function getField(header: string, key: string): string | string[] | undefined {
  const lines = header.split("\n");
  const at = locate(lines, key);
  if (!at) return undefined;
  const value = lines[at.start].slice(lines[at.start].indexOf(":") + 1).trim();
  if (value.startsWith("[") && value.endsWith("]")) return inlineItems(value.slice(1, -1));
  if (value === "" && at.end > at.start + 1) {
    return lines.slice(at.start + 1, at.end).filter((l) => /^\s*-/.test(l)).map((l) => unquote(l.replace(/^\s*-\s*/, "")));
  }
  return unquote(value);
}

/** Text as YAML writes it: plain when it reads back the same, else double-quoted. */
export function scalar(text: string): string {
  const plain = /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) && !/: |:$| #|\s$|[\n\t]/.test(text)
    && !/^(true|false|yes|no|on|off|null|~)$/i.test(text);
  return plain ? text : `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

const listItem = (text: string): string => (/[,[\]]/.test(text) ? `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : scalar(text));

/** The header with the field set (appended when new), or taken out when the value is empty; `draft` is a YAML boolean. */
export function setField(header: string, key: string, value: string | string[] | undefined): string {
  const lines = header.endsWith("\n") ? header.slice(0, -1).split("\n") : header === "" ? [] : header.split("\n");
  const at = locate(lines, key);
  const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === "");
  const text = empty ? "" : Array.isArray(value) ? `[${value.map(listItem).join(", ")}]` : key === "draft" ? value!.trim() : scalar(value!.trim());
  const written = empty ? [] : [`${key}: ${text}`];
  if (at) lines.splice(at.start, at.end - at.start, ...written);
  else lines.push(...written);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** The file with the draft flag set or taken out, in any front matter syntax the server reads. */
export function withDraft(text: string, draft: boolean): string {
  const parts = split(text);
  if (parts) return join(setField(parts.header, "draft", draft ? "true" : undefined), parts.body);
  // TOML or JSON front matter: only taking the flag out is done here (as the server's review does).
  return draft ? text : text.replace(/^[ \t]*(?:"draft"[ \t]*:[ \t]*true[ \t]*,?|draft[ \t]*[:=][ \t]*(?:true|yes|on)[ \t]*)\r?\n/im, "");
}

/** A slug made from a title as the server makes one: lower case, letters and digits joined by hyphens. */
export function slugOf(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}
