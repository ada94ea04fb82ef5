// Pictures into a story: named from their file, described by the writer (alt text), uploaded through the picture
// pipeline with their progress announced, and refused files explained in the server's words.

import { uploadPicture } from "./api";
import { announce, ask } from "./dom";
import { slugOf } from "./frontMatter";
import { t } from "./strings";

/** A picture's name in the post: its file name as a slug ("IMG 0042.JPEG" → img-0042.jpg); a pasted "image.png" gets a unique one. */
export function pictureName(file: File): string {
  const extension = (/\.([a-z0-9]+)$/i.exec(file.name)?.[1] ?? file.type.split("/")[1] ?? "jpg").toLowerCase();
  const stem = slugOf(file.name.replace(/\.[^.]+$/, "")) || "picture";
  return `${stem === "image" ? `picture-${Date.now().toString(36)}` : stem}.${extension === "jpeg" ? "jpg" : extension}`;
}

/** Asks for a picture's alt text; null when the writer cancels. */
export const askAlt = (name: string): Promise<string | null> => ask(name, t("admin_alt_prompt"), t("admin_ok"), t("admin_cancel"));

/** Uploads a picture of the post `slug`; false (with the reason announced) when it is refused or there is no slug yet. */
export async function upload(slug: string | null, file: File, name: string): Promise<boolean> {
  if (!slug) {
    announce(t("admin_needs_slug"), "error");
    return false;
  }
  try {
    await uploadPicture(slug, file, name, (percent) => announce(t("admin_uploading", name, percent)));
    announce(t("admin_uploaded", name));
    return true;
  } catch (error) {
    announce(t("admin_upload_refused", name, error instanceof Error ? error.message : String(error)), "error");
    return false;
  }
}

/** Pasted or dropped pictures: each described, uploaded, and its Markdown inserted where it was dropped. */
export async function insertPictures(slug: string | null, files: File[], insert: (markdown: string) => void): Promise<void> {
  for (const file of files) {
    const name = pictureName(file);
    const alt = await askAlt(name);
    if (alt === null) continue;
    if (await upload(slug, file, name)) insert(`\n![${alt.replace(/[[\]]/g, "")}](${name})\n`);
  }
}
