// Who is signed in, and what their roles let them do (the API decides; the interface only hides what it would refuse).

import type { Me } from "./api";
import type { AdminConfig } from "./config";

export interface Session {
  me: Me;
  config: AdminConfig;
}

export const isEditor = (s: Session) => s.me.roles.includes("Editor");
/** Authors and Editors publish; a Contributor's posts are drafts until an Editor approves them. */
export const mayPublish = (s: Session) => s.me.roles.includes("Author") || isEditor(s);
export const mayWrite = (s: Session) => mayPublish(s) || s.me.roles.includes("Contributor");

/** A time in the site's zone and language, e.g. "9 Dec 2026, 08:00". */
export function siteTime(s: Session, iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "medium", timeStyle: "short", timeZone: s.config.timeZone }).format(date);
}

/** The offset of a time zone at an instant, in minutes east of UTC. */
function offsetMinutes(timeZone: string, at: Date): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - at.getTime()) / 60000);
}

/** A wall-clock time typed in the site's zone (datetime-local's "2026-12-09T08:00") as ISO 8601 with that zone's offset. */
export function fromSiteWallTime(timeZone: string, local: string): string {
  const [date, time] = local.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Twice: the offset at the guessed instant may differ from the offset at the true one across a change of clocks.
  let offset = offsetMinutes(timeZone, new Date(wall));
  offset = offsetMinutes(timeZone, new Date(wall - offset * 60000));
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${date}T${time.slice(0, 5)}:00${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An instant as the site's wall-clock time for a datetime-local input. */
export function toSiteWallTime(timeZone: string, at: Date): string {
  const shifted = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60000);
  return shifted.toISOString().slice(0, 16);
}
