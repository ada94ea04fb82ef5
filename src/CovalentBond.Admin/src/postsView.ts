// The posts list: mine or all (Editors), by status, tag and author, searched by title, newest first, a page at a time.

import { api, type PostSummary } from "./api";
import { fill, h } from "./dom";
import { isEditor, siteTime, type Session } from "./session";
import { t } from "./strings";

const PageSize = 20;
const Statuses = ["draft", "in-review", "scheduled", "published", "unpublished", "deleted", "expired"];

export async function postsView(root: HTMLElement, session: Session): Promise<void> {
  const posts = await api.posts();
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const state = {
    scope: isEditor(session) ? params.get("scope") ?? "all" : "mine",
    status: params.get("status") ?? "",
    tag: params.get("tag") ?? "",
    author: params.get("author") ?? "",
    query: params.get("q") ?? "",
    page: Math.max(1, Number(params.get("page") ?? "1") || 1),
  };

  const tags = [...new Set(posts.flatMap((p) => p.tags ?? []))].sort((a, b) => a.localeCompare(b));
  const authors = [...new Set(posts.map((p) => p.author).filter((a): a is string => !!a))].sort((a, b) => a.localeCompare(b));
  const select = (id: string, label: string, value: string, options: [string, string][], onChange: (v: string) => void) =>
    h("p", {}, h("label", { for: id }, label), " ",
      h("select", { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
        ...options.map(([v, text]) => h("option", { value: v, selected: v === value }, text))));

  const results = h("div", { id: "results", "aria-live": "polite" });
  const render = () => {
    const mine = (p: PostSummary) => p.createdBy?.id === session.me.id;
    const query = state.query.toLocaleLowerCase();
    const shown = posts
      .filter((p) => state.scope === "all" || mine(p))
      .filter((p) => !state.status || p.status === state.status)
      .filter((p) => !state.tag || (p.tags ?? []).includes(state.tag))
      .filter((p) => !state.author || p.author === state.author)
      .filter((p) => !query || p.title.toLocaleLowerCase().includes(query))
      .sort((a, b) => (b.changedAt ?? b.date).localeCompare(a.changedAt ?? a.date));
    const pages = Math.max(1, Math.ceil(shown.length / PageSize));
    state.page = Math.min(state.page, pages);
    const page = shown.slice((state.page - 1) * PageSize, state.page * PageSize);
    const query2 = new URLSearchParams(Object.entries(state).filter(([, v]) => v !== "" && v !== 1 && v !== "all").map(([k, v]) => [k === "query" ? "q" : k, String(v)]));
    history.replaceState(null, "", `#/posts${query2.size ? `?${query2}` : ""}`);
    fill(results, shown.length === 0
      ? h("p", {}, t("admin_no_posts"))
      : h("table", { class: "posts" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, t("admin_col_title")), h("th", { scope: "col" }, t("admin_col_status")),
          h("th", { scope: "col" }, t("admin_col_date")), h("th", { scope: "col" }, t("admin_col_author")))),
        h("tbody", {}, ...page.map((p) => h("tr", {},
          h("td", {}, h("a", { href: `#/edit/${encodeURIComponent(p.slug)}` }, p.title || p.slug)),
          h("td", {}, h("span", { class: `status status-${p.status}` }, t(`admin_status_${p.status}`))),
          h("td", {}, h("time", { datetime: p.goesLiveAt ?? p.date }, siteTime(session, p.goesLiveAt ?? p.date))),
          h("td", {}, p.author ?? p.createdBy?.name ?? ""))))),
    pages > 1 ? h("nav", { class: "pager", "aria-label": t("admin_page_of", state.page, pages) },
      h("button", { type: "button", disabled: state.page === 1, onclick: () => { state.page--; render(); } }, t("admin_newer")),
      ` ${t("admin_page_of", state.page, pages)} `,
      h("button", { type: "button", disabled: state.page === pages, onclick: () => { state.page++; render(); } }, t("admin_older"))) : null);
  };

  const search = h("input", { id: "search", type: "search", value: state.query, oninput: (e: Event) => { state.query = (e.target as HTMLInputElement).value; state.page = 1; render(); } });
  fill(root,
    h("div", { class: "list-head" },
      h("h1", { tabindex: "-1" }, t("admin_posts")),
      h("a", { href: "#/new", class: "button primary" }, t("admin_new_post"))),
    h("form", { class: "filters", role: "search", onsubmit: (e: Event) => e.preventDefault() },
      isEditor(session) ? h("fieldset", {}, h("legend", { class: "visually-hidden" }, t("admin_posts")),
        ...(["mine", "all"] as const).map((scope) => h("label", {},
          h("input", { type: "radio", name: "scope", value: scope, checked: state.scope === scope, onchange: () => { state.scope = scope; state.page = 1; render(); } }),
          ` ${t(scope === "mine" ? "admin_mine" : "admin_all")}`))) : null,
      select("status", t("admin_status"), state.status, [["", t("admin_any")], ...Statuses.map((s): [string, string] => [s, t(`admin_status_${s}`)])], (v) => { state.status = v; state.page = 1; render(); }),
      select("tag", t("admin_tag"), state.tag, [["", t("admin_any")], ...tags.map((x): [string, string] => [x, x])], (v) => { state.tag = v; state.page = 1; render(); }),
      select("author", t("admin_author"), state.author, [["", t("admin_any")], ...authors.map((x): [string, string] => [x, x])], (v) => { state.author = v; state.page = 1; render(); }),
      h("p", {}, h("label", { for: "search" }, t("admin_search_title")), " ", search)),
    results);
  render();
}
