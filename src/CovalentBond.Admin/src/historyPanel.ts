// The post's revisions: who saved which version when, each compared side by side with the text open now, and restored.

import { api, type Revision } from "./api";
import { diffTable } from "./diff";
import { announce, dialog, h } from "./dom";
import { siteTime, type Session } from "./session";
import { t } from "./strings";

export function historyPanel(session: Session, slug: string, current: () => string, restored: () => Promise<void>, etag: () => string): HTMLElement {
  const list = h("ol", { class: "revisions" });
  const panel = h("details", { class: "history" }, h("summary", {}, t("admin_history")), list);
  panel.addEventListener("toggle", async () => {
    if (!panel.open) return;
    list.replaceChildren(h("li", {}, t("admin_loading")));
    const revisions = await api.revisions(slug);
    list.replaceChildren(...(revisions.length === 0 ? [h("li", {}, t("admin_no_history"))] : revisions.map((r) => item(r))));
  });

  const item = (revision: Revision) => h("li", {},
    h("span", {}, t("admin_revision_by", siteTime(session, revision.at), revision.by.name, revision.action)), " ",
    h("button", { type: "button", onclick: async () => {
      const text = await api.revision(slug, revision.id);
      await dialog(t("admin_compare"), [diffTable(text, current(), siteTime(session, revision.at), t("admin_yours"))], [{ label: t("admin_close"), value: "close", primary: true }]);
    } }, t("admin_compare")), " ",
    h("button", { type: "button", onclick: async () => {
      const result = await api.restore(slug, revision.id, etag());
      announce(t("admin_done", t(`admin_status_${result.postStatus ?? "published"}`)));
      await restored();
    } }, t("admin_restore")));
  return panel;
}
