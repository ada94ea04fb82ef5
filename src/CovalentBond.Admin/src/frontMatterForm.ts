// The front matter's fields as a form. Each change rewrites only its own line of the YAML (frontMatter.ts).

import { getField, setField } from "./frontMatter";
import { h } from "./dom";
import { t } from "./strings";

interface Field { key: string; label: string; kind: "text" | "list" | "lines" | "date"; hint?: string }

const Fields: Field[] = [
  { key: "title", label: "admin_field_title", kind: "text" },
  { key: "subtitle", label: "admin_field_subtitle", kind: "text" },
  { key: "tags", label: "admin_field_tags", kind: "list" },
  { key: "author", label: "admin_field_author", kind: "text" },
  { key: "date", label: "admin_field_date", kind: "date" },
  { key: "image", label: "admin_field_image", kind: "text" },
  { key: "imageAlt", label: "admin_field_image_alt", kind: "text" },
  { key: "imageCaption", label: "admin_field_image_caption", kind: "text" },
  { key: "aliases", label: "admin_field_aliases", kind: "lines" },
];

export interface FormOptions {
  header: string;
  tagSuggestions: string[];
  onChange: (header: string) => void;
  /** The hero picture chosen from the computer: uploaded, then its name set in `image`. */
  onHero: (file: File) => void;
}

export class FrontMatterForm {
  readonly element: HTMLElement;
  private header: string;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  private readonly notes = new Map<string, HTMLElement>();

  constructor(private options: FormOptions) {
    this.header = options.header;
    const list = h("datalist", { id: "tag-suggestions" }, ...options.tagSuggestions.map((tag) => h("option", { value: tag })));
    this.element = h("div", { class: "front-matter" }, list, ...Fields.map((field) => this.row(field)));
  }

  private row(field: Field): HTMLElement {
    const id = `field-${field.key}`;
    const value = getField(this.header, field.key);
    const text = Array.isArray(value) ? value.join(field.kind === "lines" ? "\n" : ", ") : value ?? "";
    const input = field.kind === "lines"
      ? h("textarea", { id, rows: "2", "data-field": field.key, "aria-describedby": `${id}-note` })
      : h("input", { id, type: "text", "data-field": field.key, list: field.kind === "list" ? "tag-suggestions" : undefined, "aria-describedby": `${id}-note`, autocomplete: "off" });
    input.value = text;
    input.addEventListener("input", () => this.changed(field, input.value));
    this.inputs.set(field.key, input);
    const note = h("span", { id: `${id}-note`, class: "field-note" });
    this.notes.set(field.key, note);
    const extra = field.key === "image"
      ? h("label", { class: "button file" }, t("admin_choose_hero"),
        h("input", { type: "file", accept: "image/*", class: "visually-hidden", onchange: (e: Event) => {
          const file = (e.target as HTMLInputElement).files?.[0];
          if (file) this.options.onHero(file);
        } }))
      : null;
    return h("p", { class: `field field-${field.kind}` }, h("label", { for: id }, t(field.label)), input, extra, note);
  }

  private changed(field: Field, raw: string): void {
    const value = field.kind === "list" ? raw.split(",").map((s) => s.trim()).filter(Boolean)
      : field.kind === "lines" ? raw.split("\n").map((s) => s.trim()).filter(Boolean)
      : raw;
    this.header = setField(this.header, field.key, value);
    this.options.onChange(this.header);
  }

  /** Sets a field from outside (the hero picture's name, a schedule) as if typed. */
  set(key: string, value: string): void {
    const input = this.inputs.get(key);
    const field = Fields.find((f) => f.key === key);
    if (!input || !field) return;
    input.value = value;
    this.changed(field, value);
  }

  get(key: string): string {
    return this.inputs.get(key)?.value ?? "";
  }

  /** Problems of the front matter, shown beside their fields; the others are cleared. */
  showNotes(byField: Map<string, string>): void {
    for (const [key, note] of this.notes) {
      const text = byField.get(key) ?? "";
      note.textContent = text;
      this.inputs.get(key)?.setAttribute("aria-invalid", text ? "true" : "false");
    }
  }

  static knows(field: string | undefined): boolean {
    return Fields.some((f) => f.key === field);
  }
}
