// The story's body in CodeMirror 6: Markdown highlighting, soft wrap, no line numbers, the keyboard shortcuts writers
// know, problems shown at their lines, and pictures pasted or dropped in.

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { Language, LanguageSupport, defaultHighlightStyle, defineLanguageFacet, languageDataProp, syntaxHighlighting } from "@codemirror/language";
import { GFM, parser as markdownParser } from "@lezer/markdown";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorSelection, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap, placeholder as placeholderText, drawSelection } from "@codemirror/view";

/**
 * Markdown with GitHub's extensions (tables, strikethrough, task lists), as Markdig reads it. Built from the Lezer parser
 * directly: @codemirror/lang-markdown would bring HTML, CSS and JavaScript highlighting for embedded code, three times
 * the size of the rest of the editor.
 */
function markdown(): LanguageSupport {
  const data = defineLanguageFacet({ commentTokens: { block: { open: "<!--", close: "-->" } } });
  const parser = markdownParser.configure([GFM, { props: [languageDataProp.add({ Document: data })] }]);
  return new LanguageSupport(new Language(data, parser, [], "markdown"));
}

/** Wraps the selection in a mark (** for bold), or takes it off when it is already there. */
function wrap(mark: string) {
  return (view: EditorView): boolean => {
    view.dispatch(view.state.changeByRange((range) => {
      const text = view.state.sliceDoc(range.from, range.to);
      if (text.startsWith(mark) && text.endsWith(mark) && text.length >= 2 * mark.length) {
        const inner = text.slice(mark.length, text.length - mark.length);
        return { changes: { from: range.from, to: range.to, insert: inner }, range: EditorSelection.range(range.from, range.from + inner.length) };
      }
      return {
        changes: [{ from: range.from, insert: mark }, { from: range.to, insert: mark }],
        range: EditorSelection.range(range.from + mark.length, range.to + mark.length),
      };
    }));
    return true;
  };
}

function link(view: EditorView): boolean {
  view.dispatch(view.state.changeByRange((range) => {
    const text = view.state.sliceDoc(range.from, range.to) || "link";
    const insert = `[${text}](https://)`;
    const urlStart = range.from + text.length + 3;
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.range(urlStart, urlStart + 8) };
  }));
  return true;
}

function heading(level: number) {
  return (view: EditorView): boolean => {
    const line = view.state.doc.lineAt(view.state.selection.main.head);
    const current = /^#{1,6}\s+/.exec(line.text);
    const prefix = `${"#".repeat(level)} `;
    view.dispatch({ changes: { from: line.from, to: line.from + (current?.[0].length ?? 0), insert: current?.[0] === prefix ? "" : prefix } });
    return true;
  };
}

export interface BodyEditorOptions {
  parent: HTMLElement;
  text: string;
  label: string;
  placeholder: string;
  onChange: (text: string) => void;
  onPictures: (files: File[], at: number) => void;
}

export class BodyEditor {
  readonly view: EditorView;

  constructor(private options: BodyEditorOptions) {
    const extensions: Extension[] = [
      history(),
      drawSelection(),
      markdown(),
      syntaxHighlighting(defaultHighlightStyle),
      EditorView.lineWrapping,
      lintGutter(),
      placeholderText(options.placeholder),
      keymap.of([
        { key: "Mod-b", run: wrap("**") },
        { key: "Mod-i", run: wrap("*") },
        { key: "Mod-k", run: link },
        { key: "Mod-Alt-1", run: heading(1) },
        { key: "Mod-Alt-2", run: heading(2) },
        { key: "Mod-Alt-3", run: heading(3) },
        ...historyKeymap,
        // Tab is left to the browser: it moves to the next control, so the editor is no trap for the keyboard.
        ...defaultKeymap,
      ]),
      EditorView.contentAttributes.of({ "aria-label": options.label, "aria-multiline": "true", spellcheck: "true", lang: document.documentElement.lang }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
      EditorView.domEventHandlers({
        paste: (event, view) => this.takePictures(event.clipboardData?.files, view.state.selection.main.head, event),
        drop: (event, view) => {
          const at = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
          return this.takePictures(event.dataTransfer?.files, at, event);
        },
      }),
    ];
    this.view = new EditorView({ state: EditorState.create({ doc: options.text, extensions }), parent: options.parent });
  }

  private takePictures(files: FileList | undefined, at: number, event: Event): boolean {
    const pictures = Array.from(files ?? []).filter((f) => f.type.startsWith("image/"));
    if (pictures.length === 0) return false;
    event.preventDefault();
    this.options.onPictures(pictures, at);
    return true;
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (a mode switch, a restored version) without losing the cursor's place more than needed. */
  setText(text: string): void {
    if (text === this.text) return;
    const head = Math.min(this.view.state.selection.main.head, text.length);
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, selection: { anchor: head } });
  }

  insert(at: number, text: string): void {
    const position = Math.min(at, this.view.state.doc.length);
    this.view.dispatch({ changes: { from: position, insert: text }, selection: { anchor: position + text.length } });
    this.view.focus();
  }

  /** Problems and warnings at their lines (1-based lines of this editor's text). */
  showProblems(items: { line: number; message: string; severity: "error" | "warning" }[]): void {
    const doc = this.view.state.doc;
    const diagnostics: Diagnostic[] = items
      .filter((item) => item.line >= 1 && item.line <= doc.lines)
      .map((item) => {
        const line = doc.line(item.line);
        return { from: line.from, to: line.to, severity: item.severity, message: item.message };
      });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /** The first line shown at the top of the editor's scroller (for the preview's scroll sync). */
  topLine(): number {
    const rect = this.view.scrollDOM.getBoundingClientRect();
    const block = this.view.lineBlockAtHeight(rect.top - this.view.documentTop + 4);
    return this.view.state.doc.lineAt(block.from).number;
  }
}
