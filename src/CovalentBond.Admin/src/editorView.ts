// One post in the editor: the front matter as a form (or the whole file as source), the body in CodeMirror, the live
// preview beside it, autosave, and the controls the person's role allows.

import { ApiError, api, type Preview as PreviewAnswer, type Problem, type SaveResult } from "./api";
import { diffTable } from "./diff";
import { announce, ask, dialog, fill, h } from "./dom";
import { getField, join, setField, slugOf, split, withDraft } from "./frontMatter";
import { FrontMatterForm } from "./frontMatterForm";
import { historyPanel } from "./historyPanel";
import { BodyEditor } from "./markdownEditor";
import { askAlt, insertPictures, pictureName, upload } from "./pictures";
import { Preview } from "./preview";
import { fromSiteWallTime, isEditor, mayPublish, siteTime, toSiteWallTime, type Session } from "./session";
import { t } from "./strings";

/** Quiet before the preview renders again, and before a draft is saved to the server. */
const PreviewDelay = 300;
const AutosaveDelay = 4000;

interface Kept { text: string; etag: string | null; at: string }
const keptKey = (slug: string | null) => `covalent-admin:${slug ?? "new"}`;

export async function editorView(root: HTMLElement, session: Session, slug: string | null): Promise<void> {
  let etag: string | null = null;
  let status = "new";
  let reviewNote: string | undefined;
  let text: string;
  if (slug) {
    const [source, record] = await Promise.all([api.source(slug), api.post(slug)]);
    text = source.text;
    etag = source.etag;
    status = record.status;
    reviewNote = record.reviewNote;
  } else {
    const now = fromSiteWallTime(session.config.timeZone, toSiteWallTime(session.config.timeZone, new Date()));
    text = `---\ntitle: \ndate: ${now}\ntags: []\n---\n`;
  }
  let savedText = slug ? text : "";
  let newSlug = slug === null;
  let currentSlug = slug;
  let mode: "form" | "source" = split(text) ? "form" : "source";
  const tags = [...new Set((await api.posts()).flatMap((p) => p.tags ?? []))].sort();

  const statusLine = h("p", { class: "save-status", role: "status", "aria-live": "polite" }, slug ? t("admin_saved") : "");
  const setStatus = (key: string) => { statusLine.textContent = t(key); statusLine.dataset.state = key; };
  const preview = new Preview(t("admin_preview_frame"));
  const problemsList = h("ul", { class: "problems" });
  const slugInput = h("input", { id: "field-slug", type: "text", value: slug ?? "", readonly: !newSlug, autocomplete: "off", "aria-describedby": "slug-address" });
  const address = h("span", { id: "slug-address", class: "hint" });
  const showAddress = () => { address.textContent = currentSlug ? t("admin_address", session.config.articles.replace("{slug}", currentSlug)) : ""; };

  // The text is the header (form) and the body (editor) joined, or the editor's whole text in source mode.
  const parts = () => split(text);
  let form: FrontMatterForm | null = null;
  const body = new BodyEditor({
    parent: h("div"),
    text: mode === "form" ? parts()!.body : text,
    label: t("admin_body"),
    placeholder: t("admin_shortcuts"),
    onChange: (value) => {
      text = mode === "form" ? join(parts()!.header, value) : value;
      changed();
    },
    onPictures: (files, at) => void pictures(files, at),
  });
  const makeForm = () => new FrontMatterForm({
    header: parts()!.header,
    tagSuggestions: tags,
    onChange: (header) => {
      text = join(header, parts()!.body);
      changed();
    },
    onHero: (file) => void hero(file),
  });
  let slugTouched = false;
  slugInput.addEventListener("input", () => { slugTouched = true; currentSlug = slugOf(slugInput.value) || null; showAddress(); changed(); });
  const formHolder = h("div");
  const placeForm = () => {
    form = mode === "form" ? makeForm() : null;
    formHolder.replaceChildren(form ? form.element : h("p", {}, split(text) ? "" : t("admin_source_only")));
  };
  placeForm();
  showAddress();

  // Changes: the preview after a short quiet, the text kept in this browser at once, a draft saved after a longer one.
  let previewTimer = 0;
  let autosaveTimer = 0;
  function changed(): void {
    // A new post's address follows its title until the slug is typed (in the form or in the source).
    if (newSlug && !slugTouched) {
      const header = parts()?.header ?? "";
      currentSlug = slugOf(String(getField(header, "slug") ?? getField(header, "title") ?? "")) || null;
      slugInput.value = currentSlug ?? "";
      showAddress();
    }
    localStorage.setItem(keptKey(currentSlug), JSON.stringify({ text, etag, at: new Date().toISOString() } satisfies Kept));
    clearTimeout(previewTimer);
    previewTimer = window.setTimeout(() => void refresh(), PreviewDelay);
    if (text === savedText) return setStatus("admin_saved");
    setStatus(serverDraft() ? "admin_unsaved" : "admin_kept_locally");
    clearTimeout(autosaveTimer);
    if (serverDraft()) autosaveTimer = window.setTimeout(() => void save("draft", true), AutosaveDelay);
    else if (currentSlug && etag) autosaveTimer = window.setTimeout(() => void keepPrivately(), AutosaveDelay);
  }
  /** A draft is saved as it is written; a published post's edits (a save would publish them) go to a private draft. */
  const serverDraft = () => (status === "new" || status === "draft") && !!currentSlug && !!getField(parts()?.header ?? "", "title");

  async function keepPrivately(): Promise<void> {
    if (text === savedText || !currentSlug || !etag) return;
    try {
      await api.saveDraft(currentSlug, text, etag);
      if (text !== savedText) setStatus("admin_draft_saved");
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) setStatus("admin_offline");
    }
  }

  async function refresh(): Promise<void> {
    let answer: PreviewAnswer | null;
    try {
      answer = await preview.update(currentSlug, text);
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) setStatus("admin_offline");
      return;
    }
    if (!answer) return;
    showProblems(answer.problems, answer.warnings);
    preview.syncTo(mode === "form" ? parts()!.body : text, body.topLine());
  }

  function showProblems(problems: Problem[], warnings: Problem[]): void {
    const offset = mode === "form" ? parts()!.bodyLine - 1 : 0;
    const inline = [...problems.map((p) => ({ p, severity: "error" as const })), ...warnings.map((p) => ({ p, severity: "warning" as const }))];
    body.showProblems(inline.filter(({ p }) => p.line && p.line > offset).map(({ p, severity }) => ({ line: p.line! - offset, message: p.message, severity })));
    const byField = new Map<string, string>();
    for (const { p } of inline) if (p.field && FrontMatterForm.knows(p.field) && (!p.line || p.line <= offset)) byField.set(p.field, p.message);
    form?.showNotes(byField);
    problemsList.replaceChildren(...inline.map(({ p, severity }) => h("li", { class: severity }, `${severity === "error" ? t("admin_problems") : t("admin_warnings")}: ${p.text}`)));
  }

  // Saving, with every refusal explained and a conflict never settled silently.
  async function save(kind: "draft" | "publish", automatic = false, at?: string): Promise<SaveResult | null> {
    if (!currentSlug) {
      announce(t("admin_needs_slug"), "error");
      return null;
    }
    let outgoing = withDraft(text, kind === "draft");
    const p = split(outgoing);
    if (at && p) outgoing = join(setField(p.header, "date", at), p.body);
    setStatus("admin_saving");
    try {
      const result = await api.save(currentSlug, outgoing, etag);
      etag = result.etag ?? etag;
      status = result.postStatus ?? status;
      text = savedText = outgoing;
      if (newSlug) {
        newSlug = false;
        slugInput.readOnly = true;
        history.replaceState(null, "", `#/edit/${encodeURIComponent(currentSlug)}`);
        localStorage.removeItem(keptKey(null));
      }
      localStorage.removeItem(keptKey(currentSlug));
      if (kind === "publish") await api.dropDraft(currentSlug).catch(() => undefined);
      showText();
      setStatus("admin_saved");
      renderControls();
      if (!automatic) announce(t("admin_done", t(`admin_status_${status}`)));
      return result;
    } catch (error) {
      await refused(error, automatic);
      return null;
    }
  }

  async function refused(error: unknown, automatic: boolean): Promise<void> {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 0) return setStatus("admin_offline");
    setStatus("admin_kept_locally");
    if (error.status === 412 || (error.status === 409 && newSlug && !automatic)) return conflict(error);
    if (error.status === 400 && error.errors.length) return showProblems(error.errors, []);
    if (!automatic) announce(error.status === 403 ? t("admin_not_allowed", error.detail) : t("admin_error", error.detail || error.title), "error");
  }

  async function conflict(error: ApiError): Promise<void> {
    const theirs = currentSlug ? await api.source(currentSlug).catch(() => null) : null;
    for (;;) {
      const choice = await dialog(t("admin_conflict_title"), [h("p", {}, t("admin_conflict_text", error.detail))], [
        { label: t("admin_show_diff"), value: "diff" },
        { label: t("admin_take_theirs"), value: "theirs" },
        { label: t("admin_keep_mine"), value: "mine", primary: true },
      ]);
      if (choice === "diff" && theirs) {
        await dialog(t("admin_show_diff"), [diffTable(theirs.text, text, t("admin_theirs"), t("admin_yours"))], [{ label: t("admin_close"), value: "close", primary: true }]);
        continue;
      }
      if (choice === "theirs" && theirs) {
        localStorage.setItem(`${keptKey(currentSlug)}:yours`, JSON.stringify({ text, etag, at: new Date().toISOString() } satisfies Kept));
        text = savedText = theirs.text;
        etag = theirs.etag;
        showText();
        setStatus("admin_saved");
      } else if (choice === "mine" && theirs) {
        etag = theirs.etag;
        await save(status === "draft" || status === "new" ? "draft" : "publish");
      }
      return;
    }
  }

  /** Puts the text into the form and editor (after a save changed its draft line, or another version was opened). */
  function showText(): void {
    if (mode === "form" && split(text)) {
      body.setText(parts()!.body);
      placeForm();
    } else body.setText(text);
    void refresh();
  }

  const pictures = (files: File[], at: number) => insertPictures(currentSlug, files, (markdown) => body.insert(at, markdown));

  async function hero(file: File): Promise<void> {
    const name = pictureName(file);
    if (!(await upload(currentSlug, file, name))) return;
    form?.set("image", name);
    if (!form?.get("imageAlt")) {
      const alt = await askAlt(name);
      if (alt) form?.set("imageAlt", alt);
    }
  }

  // The controls: what this person may do with a post in this state.
  const controls = h("div", { class: "controls" });
  const scheduleInput = h("input", { id: "schedule-at", type: "datetime-local", "aria-describedby": "schedule-local" });
  const scheduleLocal = h("span", { id: "schedule-local", class: "hint" });
  scheduleInput.addEventListener("input", () => {
    scheduleLocal.textContent = scheduleInput.value
      ? t("admin_your_time", new Date(fromSiteWallTime(session.config.timeZone, scheduleInput.value)).toLocaleString(document.documentElement.lang, { dateStyle: "medium", timeStyle: "short" }))
      : "";
  });
  scheduleInput.value = toSiteWallTime(session.config.timeZone, new Date(Date.now() + 3600_000)).slice(0, 14) + "00";
  scheduleInput.dispatchEvent(new Event("input"));
  const scheduleAt = () => (scheduleInput.value ? fromSiteWallTime(session.config.timeZone, scheduleInput.value) : undefined);
  const button = (label: string, action: () => Promise<unknown>, primary = false) =>
    h("button", { type: "button", class: primary ? "primary" : undefined, onclick: async (e: Event) => {
      const b = e.currentTarget as HTMLButtonElement;
      b.disabled = true;
      try { await action(); } finally { b.disabled = false; }
    } }, label);
  const reviewed = async (action: () => Promise<SaveResult>) => {
    try {
      const result = await action();
      status = result.postStatus ?? status;
      const fresh = await api.source(currentSlug!);
      text = savedText = fresh.text;
      etag = fresh.etag;
      reviewNote = (await api.post(currentSlug!)).reviewNote;
      showText();
      renderControls();
      announce(t("admin_done", t(`admin_status_${status}`)));
    } catch (error) {
      await refused(error, false);
    }
  };

  function renderControls(): void {
    const title = String(getField(parts()?.header ?? "", "title") ?? currentSlug ?? "");
    const items: (HTMLElement | null)[] = [];
    const draftLike = status === "new" || status === "draft";
    if (draftLike) items.push(button(t("admin_save_draft"), () => save("draft")));
    if (draftLike && !mayPublish(session)) {
      items.push(button(t("admin_submit"), async () => { if (await save("draft")) await reviewed(() => api.submit(currentSlug!)); }, true));
    }
    if (mayPublish(session) && status !== "in-review") {
      items.push(button(draftLike ? t("admin_publish") : t("admin_update"), () => save("publish"), true));
      items.push(h("span", { class: "schedule" }, h("label", { for: "schedule-at" }, t("admin_schedule_at", session.config.timeZone)), scheduleInput, scheduleLocal,
        button(t("admin_schedule"), () => save("publish", false, scheduleAt()))));
    }
    if (mayPublish(session) && etag && !draftLike && status !== "unpublished" && status !== "deleted") {
      items.push(button(t("admin_unpublish"), async () => {
        if (await dialog(t("admin_unpublish"), [h("p", {}, t("admin_confirm_unpublish", title))], [{ label: t("admin_cancel"), value: "no" }, { label: t("admin_unpublish"), value: "yes", primary: true }]) === "yes") {
          await reviewed(() => api.unpublish(currentSlug!, etag!));
        }
      }));
      items.push(button(t("admin_delete"), async () => {
        if (await dialog(t("admin_delete"), [h("p", {}, t("admin_confirm_delete", title))], [{ label: t("admin_cancel"), value: "no" }, { label: t("admin_delete"), value: "yes", primary: true }]) === "yes") {
          await reviewed(() => api.remove(currentSlug!, etag!));
        }
      }));
    }
    const review = status === "in-review" && isEditor(session)
      ? h("section", { class: "review", "aria-labelledby": "review-heading" }, h("h2", { id: "review-heading" }, t("admin_review")),
        h("p", {}, button(t("admin_approve"), () => reviewed(() => api.approve(currentSlug!)), true)),
        h("p", {}, h("label", { for: "schedule-at" }, t("admin_schedule_at", session.config.timeZone)), " ", scheduleInput, " ", scheduleLocal, " ",
          button(t("admin_approve_at"), () => reviewed(() => api.approve(currentSlug!, scheduleAt())))),
        h("p", {}, button(t("admin_return"), async () => {
          const note = await ask(t("admin_return"), t("admin_note"), t("admin_return"), t("admin_cancel"), true);
          if (note) await reviewed(() => api.returnToAuthor(currentSlug!, note));
        })))
      : null;
    const live = etag && (status === "published" || status === "scheduled") && currentSlug
      ? h("a", { href: new URL(session.config.articles.replace("{slug}", currentSlug), session.config.siteUrl).href, target: "_blank", rel: "noopener" }, t("admin_view_live"))
      : null;
    fill(controls,
      h("p", { class: "post-status" }, h("span", { class: `status status-${status}` }, t(`admin_status_${status}`)), " ", live),
      reviewNote ? h("p", { class: "review-note", role: "note" }, t("admin_review_note", reviewNote)) : null,
      h("div", { class: "buttons" }, ...items),
      review);
  }
  renderControls();

  const modeButton = h("button", { type: "button", "aria-pressed": "false", onclick: () => {
    if (mode === "form") {
      mode = "source";
      body.setText(text);
    } else if (split(text)) {
      mode = "form";
      body.setText(parts()!.body);
    } else return announce(t("admin_source_only"), "error");
    modeButton.textContent = t(mode === "form" ? "admin_source_mode" : "admin_form_mode");
    modeButton.setAttribute("aria-pressed", String(mode === "source"));
    placeForm();
    void refresh();
  } }, t(mode === "form" ? "admin_source_mode" : "admin_form_mode"));

  body.view.scrollDOM.addEventListener("scroll", () => preview.syncTo(mode === "form" ? parts()!.body : text, body.topLine()), { passive: true });

  const title = String(getField(parts()?.header ?? "", "title") ?? "") || t("admin_new_post");
  fill(root,
    h("div", { class: "editor-head" },
      h("p", {}, h("a", { href: "#/posts" }, `← ${t("admin_back")}`)),
      h("h1", { tabindex: "-1" }, title),
      statusLine),
    controls,
    h("div", { class: "workspace" },
      h("section", { class: "writing", "aria-label": t("admin_body") },
        h("details", { class: "details", open: true }, h("summary", {}, t("admin_details")),
          h("p", { class: "field" }, h("label", { for: "field-slug" }, t("admin_field_slug")), slugInput, address),
          formHolder),
        h("p", { class: "mode" }, modeButton),
        h("div", { class: "body-editor" }, body.view.dom),
        h("section", { "aria-label": t("admin_problems") }, problemsList),
        slug ? historyPanel(session, slug, () => text, async () => { await editorView(root, session, slug); }, () => etag ?? "") : null),
      h("section", { class: "preview", "aria-label": t("admin_preview") }, preview.frame)));

  // A newer text kept for this person (their private draft on the server, or this browser's copy after going offline
  // or a refused save) is offered back with its differences, never applied silently.
  const local = JSON.parse(localStorage.getItem(keptKey(slug)) ?? "null") as Kept | null;
  const remote = slug && etag ? await api.draft(slug).catch(() => null) : null;
  const offers = [
    local && local.text !== text && local.etag === etag ? { text: local.text, at: local.at, title: t("admin_restore_local", siteTime(session, local.at)) } : null,
    remote && remote.text !== text ? { text: remote.text, at: remote.savedAt, title: t("admin_draft_found", siteTime(session, remote.savedAt)) } : null,
  ].filter((o): o is { text: string; at: string; title: string } => o !== null).sort((a, b) => b.at.localeCompare(a.at));
  if (offers.length > 0) {
    const newest = offers[0];
    const choice = await dialog(newest.title, [diffTable(text, newest.text, t("admin_theirs"), t("admin_yours"))],
      [{ label: t("admin_discard_local"), value: "discard" }, { label: t("admin_use_local"), value: "use", primary: true }]);
    if (choice === "use") {
      text = newest.text;
      showText();
      changed();
    } else {
      localStorage.removeItem(keptKey(slug));
      if (remote && slug) await api.dropDraft(slug).catch(() => undefined);
    }
  }
  void refresh();
}
