// /admin: the newsroom's editor. Signs in, then shows the posts list (#/posts) or one post in the editor
// (#/edit/{slug}, #/new). Everything it does goes through the HTTP API on the same origin.

import { ApiError, api } from "./api";
import { accessToken, signIn, signOut, startSignIn } from "./auth";
import { loadConfig } from "./config";
import { announce, h } from "./dom";
import { postsView } from "./postsView";
import { mayWrite, type Session } from "./session";
import { loadStrings, t } from "./strings";

const main = document.getElementById("main")!;
const bar = document.getElementById("account")!;

async function route(session: Session): Promise<void> {
  const hash = location.hash || "#/posts";
  main.replaceChildren(h("p", {}, t("admin_loading")));
  try {
    const edit = /^#\/edit\/([^?]+)/.exec(hash);
    // The editor (CodeMirror) loads when a post is opened: the list, the first page, does without it.
    if (edit) await (await import("./editorView")).editorView(main, session, decodeURIComponent(edit[1]));
    else if (hash.startsWith("#/new")) await (await import("./editorView")).editorView(main, session, null);
    else await postsView(main, session);
    main.querySelector<HTMLElement>("h1")?.focus();
  } catch (error) {
    main.replaceChildren(h("p", { role: "alert" }, t("admin_error", error instanceof Error ? error.message : String(error))));
  }
}

async function start(): Promise<void> {
  const config = await loadConfig();
  // The interface speaks the person's language when the theme has it, else the site's.
  await loadStrings([...navigator.languages, config.language]);
  document.title = t("admin_title");
  document.getElementById("app-title")!.textContent = t("admin_title");
  if (!(await startSignIn(config))) {
    bar.replaceChildren(h("button", { type: "button", class: "primary", onclick: () => void signIn() }, t("admin_sign_in")));
    main.replaceChildren(h("h1", { tabindex: "-1" }, t("admin_title")), h("p", {}, h("button", { type: "button", class: "primary", onclick: () => void signIn() }, t("admin_sign_in"))));
    return;
  }
  await accessToken();
  const me = await api.me();
  const session: Session = { me, config };
  bar.replaceChildren(
    h("span", {}, t("admin_signed_in_as", me.name, me.roles.join(", ") || "—")), " ",
    h("button", { type: "button", onclick: () => void signOut() }, t("admin_sign_out")));
  if (!mayWrite(session)) {
    main.replaceChildren(h("h1", { tabindex: "-1" }, t("admin_title")), h("p", { role: "alert" }, t("admin_no_role")));
    return;
  }
  window.addEventListener("hashchange", () => void route(session));
  await route(session);
}

start().catch((error) => {
  const message = error instanceof ApiError ? `${error.status} ${error.detail || error.title}` : error instanceof Error ? error.message : String(error);
  announce(message, "error");
  main.replaceChildren(h("p", { role: "alert" }, message));
});
