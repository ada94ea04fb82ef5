// Side-by-side differences of two texts, line by line (the longest common subsequence), for history and conflicts.

import { h } from "./dom";

type Row = { left?: string; right?: string; kind: "same" | "removed" | "added" | "changed" };

export function diffRows(before: string, after: string): Row[] {
  const a = before.split("\n");
  const b = after.split("\n");
  // Common head and tail first: an edit usually touches a few lines of a long story.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const rows: Row[] = a.slice(0, head).map((line) => ({ left: line, right: line, kind: "same" }));
  if (x.length * y.length > 4_000_000) {
    // Too different to align line by line: shown as one block replaced by another.
    rows.push(...x.map((line) => ({ left: line, kind: "removed" as const })), ...y.map((line) => ({ right: line, kind: "added" as const })));
  } else {
    const lengths = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lengths[i][j] = x[i] === y[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        rows.push({ left: x[i++], right: y[j++], kind: "same" });
      } else if (i < x.length && (j === y.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
        // Removed before added: a replaced line then pairs into one "changed" row.
        rows.push({ left: x[i++], kind: "removed" });
      } else {
        rows.push({ right: y[j++], kind: "added" });
      }
    }
  }
  rows.push(...a.slice(a.length - tail).map((line) => ({ left: line, right: line, kind: "same" as const })));
  return pairChanges(rows);
}

/** A removed line followed by an added one is shown as one changed row. */
function pairChanges(rows: Row[]): Row[] {
  const paired: Row[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (row.kind === "removed") {
      let end = k;
      while (end < rows.length && rows[end].kind === "removed") end++;
      let added = end;
      while (added < rows.length && rows[added].kind === "added") added++;
      const removedRows = rows.slice(k, end);
      const addedRows = rows.slice(end, added);
      for (let n = 0; n < Math.max(removedRows.length, addedRows.length); n++) {
        const left = removedRows[n]?.left;
        const right = addedRows[n]?.right;
        paired.push(left !== undefined && right !== undefined ? { left, right, kind: "changed" } : left !== undefined ? { left, kind: "removed" } : { right, kind: "added" });
      }
      k = added - 1;
    } else paired.push(row);
  }
  return paired;
}

/** The table of differences; unchanged stretches longer than six lines are folded to their ends. */
export function diffTable(before: string, after: string, leftTitle: string, rightTitle: string): HTMLElement {
  const rows = diffRows(before, after);
  const body = h("tbody");
  let same: Row[] = [];
  const flush = (last: boolean) => {
    const keep = same.length > 6 ? [...same.slice(0, last ? 3 : 3), null, ...same.slice(-3)] : same;
    for (const row of keep) {
      body.append(row === null
        ? h("tr", { class: "fold" }, h("td", { colspan: "2" }, `⋯ ${same.length - 6}`))
        : h("tr", {}, h("td", {}, row.left ?? ""), h("td", {}, row.right ?? "")));
    }
    same = [];
  };
  for (const row of rows) {
    if (row.kind === "same") {
      same.push(row);
      continue;
    }
    flush(false);
    body.append(h("tr", { class: row.kind },
      h("td", { class: row.left === undefined ? "empty" : "old" }, row.left ?? ""),
      h("td", { class: row.right === undefined ? "empty" : "new" }, row.right ?? "")));
  }
  flush(true);
  return h("table", { class: "diff" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, leftTitle), h("th", { scope: "col" }, rightTitle))), body);
}
