// The HTTP API at /api on the same origin (no CORS): JSON and RFC 9457 problem details, bearer tokens from MSAL.

import { accessToken } from "./auth";

export interface Principal { id: string; name: string }
export interface Me { id: string; name: string; kind: string; roles: string[]; may: string[] }
export interface PostSummary {
  slug: string; title: string; status: string; date: string; goesLiveAt?: string; author?: string; tags?: string[];
  url?: string; createdBy?: Principal; changedBy?: Principal; changedAt?: string; reviewNote?: string; eTag?: string;
}
export interface Problem { line?: number; field?: string; message: string; text: string }
export interface Preview { valid: boolean; url?: string; html?: string; problems: Problem[]; warnings: Problem[] }
export interface Revision { id: string; contentHash: string; at: string; by: Principal; action: string; length: number }
export interface SaveResult { slug: string; status: string; postStatus?: string; url?: string; goesLiveAt?: string; warnings?: Problem[]; etag?: string }

/** An answer that was not a success: its status and its problem details. */
export class ApiError extends Error {
  constructor(public status: number, public title: string, public detail: string, public errors: Problem[] = []) {
    super(detail || title);
  }
}

async function call(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${await accessToken()}`);
  let response: Response;
  try {
    response = await fetch(`/api/${path}`, { method, body: init.body, headers, cache: "no-store" });
  } catch {
    throw new ApiError(0, "offline", "The server cannot be reached.");
  }
  if (!response.ok) {
    let title = response.statusText;
    let detail = "";
    let errors: Problem[] = [];
    try {
      const problem = await response.json();
      title = problem.title ?? title;
      detail = problem.detail ?? "";
      errors = problem.errors ?? [];
    } catch {
      // not problem details
    }
    throw new ApiError(response.status, title, detail, errors);
  }
  return response;
}

const json = async <T>(response: Promise<Response>): Promise<T> => (await (await response).json()) as T;
const slugPath = (slug: string) => `posts/${encodeURIComponent(slug)}`;

export const api = {
  me: () => json<Me>(call("GET", "me")),
  posts: () => json<PostSummary[]>(call("GET", "posts")),
  post: (slug: string) => json<PostSummary>(call("GET", slugPath(slug))),
  async source(slug: string): Promise<{ text: string; etag: string }> {
    const response = await call("GET", `${slugPath(slug)}/source`);
    return { text: await response.text(), etag: response.headers.get("ETag") ?? "" };
  },
  /** Saves the post; a new one with If-None-Match: *, a change with the ETag it was read at (412 when it moved on). */
  async save(slug: string, text: string, etag: string | null): Promise<SaveResult> {
    const headers: Record<string, string> = { "Content-Type": "text/markdown; charset=utf-8" };
    if (etag) headers["If-Match"] = etag;
    else headers["If-None-Match"] = "*";
    const response = await call("PUT", slugPath(slug), { body: text, headers });
    const result = (await response.json()) as SaveResult;
    result.etag = response.headers.get("ETag") ?? result.etag;
    return result;
  },
  preview: (slug: string | null, text: string) =>
    json<Preview>(call("POST", `preview${slug ? `?slug=${encodeURIComponent(slug)}` : ""}`, { body: text, headers: { "Content-Type": "text/markdown; charset=utf-8" } })),
  submit: (slug: string) => json<SaveResult>(call("POST", `${slugPath(slug)}/submit`)),
  approve: (slug: string, at?: string) =>
    json<SaveResult>(call("POST", `${slugPath(slug)}/approve`, at ? { body: JSON.stringify({ at }), headers: { "Content-Type": "application/json" } } : {})),
  returnToAuthor: (slug: string, note: string) =>
    json<SaveResult>(call("POST", `${slugPath(slug)}/return`, { body: JSON.stringify({ note }), headers: { "Content-Type": "application/json" } })),
  unpublish: (slug: string, etag: string) => json<SaveResult>(call("POST", `${slugPath(slug)}/unpublish`, { headers: { "If-Match": etag } })),
  remove: (slug: string, etag: string) => json<SaveResult>(call("DELETE", slugPath(slug), { headers: { "If-Match": etag } })),
  async revisions(slug: string): Promise<Revision[]> {
    try {
      return (await json<{ revisions: Revision[] }>(call("GET", `${slugPath(slug)}/revisions`))).revisions;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  },
  /** A version's source. */
  async revision(slug: string, id: string): Promise<string> {
    return (await json<{ source: string }>(call("GET", `${slugPath(slug)}/revisions/${encodeURIComponent(id)}`))).source;
  },
  /** The person's private draft of a post (edits a save would publish), kept until published or dropped. */
  saveDraft: (slug: string, text: string, baseETag: string) =>
    json<{ savedAt: string }>(call("PUT", `drafts/${encodeURIComponent(slug)}`, { body: text, headers: { "Content-Type": "text/markdown; charset=utf-8", "X-Base-ETag": baseETag } })),
  /** The person's draft of the post, or null (204) when they have none. */
  async draft(slug: string): Promise<{ text: string; savedAt: string; baseETag: string } | null> {
    const response = await call("GET", `drafts/${encodeURIComponent(slug)}`);
    return response.status === 204 ? null : ((await response.json()) as { text: string; savedAt: string; baseETag: string });
  },
  async dropDraft(slug: string): Promise<void> {
    await call("DELETE", `drafts/${encodeURIComponent(slug)}`);
  },
  restore: (slug: string, id: string, etag: string) =>
    json<SaveResult>(call("POST", `${slugPath(slug)}/revisions/${encodeURIComponent(id)}/restore`, { headers: { "If-Match": etag } })),
};

/**
 * Uploads a picture of the post through the picture pipeline (PUT /api/posts/{slug}/media/{file}), reporting progress;
 * XMLHttpRequest because fetch cannot report an upload's progress.
 */
export async function uploadPicture(slug: string, file: File, name: string, progress: (percent: number) => void): Promise<void> {
  const token = await accessToken();
  await new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", `/api/${slugPath(slug)}/media/${encodeURIComponent(name)}`);
    request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.upload.onprogress = (e) => { if (e.lengthComputable) progress(Math.round((100 * e.loaded) / e.total)); };
    request.onerror = () => reject(new ApiError(0, "offline", "The server cannot be reached."));
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve();
      let detail = request.statusText;
      try { detail = JSON.parse(request.responseText).detail ?? detail; } catch { /* not problem details */ }
      reject(new ApiError(request.status, "refused", detail));
    };
    request.send(file);
  });
}
