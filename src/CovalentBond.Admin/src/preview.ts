// The live preview: the unsaved text rendered by the server's production renderer and theme (POST /api/preview), shown
// in a sandboxed frame. The frame may not run script (its page's CSP allows none, and the sandbox has no allow-scripts);
// it shares the origin only so that this page can patch it in place and scroll it with the editor.

import { api, type Preview as PreviewAnswer } from "./api";

export class Preview {
  readonly frame: HTMLIFrameElement;
  private sequence = 0;
  private loaded = false;

  constructor(title: string) {
    this.frame = document.createElement("iframe");
    this.frame.className = "preview-frame";
    this.frame.title = title;
    this.frame.setAttribute("sandbox", "allow-same-origin");
    this.frame.srcdoc = "<!DOCTYPE html><title></title>";
  }

  /**
   * Renders the text and shows it; resolves with the server's answer, or null when a newer update overtook this one.
   * The time from the request to the new preview on screen is recorded as the User Timing measure
   * "covalent-preview" (what the preview benchmark reads).
   */
  async update(slug: string | null, text: string): Promise<PreviewAnswer | null> {
    const mine = ++this.sequence;
    const start = performance.now();
    const answer = await api.preview(slug, text);
    if (mine !== this.sequence) return null;
    if (answer.html) {
      await this.show(answer.html);
      await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
      if (mine === this.sequence) performance.measure("covalent-preview", { start, end: performance.now() });
    }
    return answer;
  }

  private async show(html: string): Promise<void> {
    const current = this.frame.contentDocument;
    if (!this.loaded || !current || !current.body) {
      await new Promise<void>((resolve) => {
        this.frame.addEventListener("load", () => resolve(), { once: true });
        this.frame.srcdoc = html;
      });
      this.loaded = true;
      return;
    }
    // In place: the reader's scroll position and the loaded pictures and styles stay.
    const next = new DOMParser().parseFromString(html, "text/html");
    if (current.head.innerHTML !== next.head.innerHTML) current.head.replaceWith(current.importNode(next.head, true));
    current.body.replaceWith(current.importNode(next.body, true));
  }

  /** Scrolls the preview to the place of the editor's top line: between the headings around it, or in proportion. */
  syncTo(bodyText: string, topLine: number): void {
    const doc = this.frame.contentDocument;
    const body = doc?.querySelector<HTMLElement>(".post-body");
    const scroller = doc?.scrollingElement;
    if (!doc || !body || !scroller) return;
    const lines = bodyText.split("\n");
    const headingLines: number[] = [];
    let fenced = false;
    lines.forEach((line, i) => {
      if (/^(```|~~~)/.test(line)) fenced = !fenced;
      else if (!fenced && /^#{1,6}\s/.test(line)) headingLines.push(i + 1);
    });
    const headings = Array.from(body.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6"));
    const top = (el: HTMLElement) => el.getBoundingClientRect().top + scroller.scrollTop;
    const anchors: [number, number][] = [[1, top(body)]];
    if (headings.length === headingLines.length) headingLines.forEach((line, i) => anchors.push([line, top(headings[i])]));
    anchors.push([lines.length + 1, top(body) + body.offsetHeight]);
    let k = 0;
    while (k < anchors.length - 2 && anchors[k + 1][0] <= topLine) k++;
    const [fromLine, fromY] = anchors[k];
    const [toLine, toY] = anchors[k + 1];
    const fraction = toLine > fromLine ? Math.min(1, Math.max(0, (topLine - fromLine) / (toLine - fromLine))) : 0;
    scroller.scrollTop = topLine <= 1 ? 0 : fromY + fraction * (toY - fromY) - 16;
  }
}
