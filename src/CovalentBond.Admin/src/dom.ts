// A few lines instead of a framework: elements made with their attributes and children.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Replaces an element's children, leaving out the absent ones (replaceChildren would write "null"). */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/** A modal dialog (the browser's own <dialog>: focus kept inside, Escape closes); resolves with the button's value. */
export function dialog(title: string, body: (Node | string)[], buttons: { label: string; value: string; primary?: boolean }[]): Promise<string> {
  return new Promise((resolve) => {
    const headingId = `dialog-${Math.random().toString(36).slice(2)}`;
    const box = h("dialog", { "aria-labelledby": headingId, class: "dialog" },
      h("h2", { id: headingId }, title),
      h("form", { method: "dialog" }, ...body,
        h("p", { class: "buttons" },
          ...buttons.map((b) => h("button", { value: b.value, class: b.primary ? "primary" : undefined, formnovalidate: !b.primary }, b.label)))));
    box.addEventListener("close", () => {
      box.remove();
      resolve(box.returnValue || "cancel");
    });
    document.body.append(box);
    box.showModal();
  });
}

/** Asks for one line of text; null when cancelled. */
export async function ask(title: string, label: string, okLabel: string, cancelLabel: string, multiline = false): Promise<string | null> {
  const id = `ask-${Math.random().toString(36).slice(2)}`;
  const input = multiline ? h("textarea", { id, rows: "4", required: true }) : h("input", { id, type: "text", required: true, autocomplete: "off" });
  const answer = await dialog(title, [h("p", {}, h("label", { for: id }, label)), h("p", {}, input)],
    [{ label: cancelLabel, value: "cancel" }, { label: okLabel, value: "ok", primary: true }]);
  return answer === "ok" && input.value.trim() ? input.value.trim() : null;
}

/** Says something to everyone, screen readers included (the page's one live region). */
export function announce(text: string, kind: "status" | "error" = "status"): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.className = kind;
  region.textContent = text;
}
