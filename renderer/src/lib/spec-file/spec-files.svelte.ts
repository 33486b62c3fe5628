import { parseRunSpec } from '$engine/api/parse-run-spec';
import type { RunSpec } from '$engine/api/run-spec';
import { saveFile } from '../history/save-file';
import { translator, type Locale } from '../i18n/locale';
import { specFileMessages } from '../i18n/messages/spec-file';
import { problemText } from '../i18n/problem-text';
import type { SpecEditor } from '../state/spec-editor.svelte';
import { copyText } from '../text/copy-text';
import { nnlabCommand, readSpecFile, SpecFileError, specFileName, specFileText } from './spec-file';
import { fileObject, specFileProblemText } from './spec-file-text';

/** The last outcome, worded when shown (so it follows a change of language). */
export interface SpecFileNotice {
  tone: 'ok' | 'bad';
  text: (locale: Locale) => string;
}

/**
 * The builder's spec file actions: save the current spec, open one (chosen or dropped), copy the
 * `nnlab` command that trains it. Opening replaces the draft only once the whole file has passed
 * every check: a bad file leaves the draft exactly as it was.
 */
export class SpecFiles {
  notice = $state<SpecFileNotice | null>(null);

  constructor(private readonly editor: SpecEditor) {}

  /** Why the current spec can be neither saved nor copied (its first problem), or null. */
  blockedReason(locale: Locale): string | null {
    const problem = this.editor.localProblems[0];
    return problem === undefined ? null : translator(specFileMessages, locale)('blocked', { reason: problemText(problem, locale) });
  }

  /** Electron shows its save dialog for the download; the browser host saves to the downloads folder. */
  save(): void {
    const spec = this.#validSpec();
    if (spec === null) return;
    const name = specFileName(spec);
    saveFile(name, specFileText(spec), 'application/json');
    this.notice = { tone: 'ok', text: (locale) => translator(specFileMessages, locale)('saved', { fileObject: fileObject(name, locale) }) };
  }

  async open(files: readonly File[]): Promise<void> {
    if (files.length !== 1) {
      this.notice = { tone: 'bad', text: (locale) => translator(specFileMessages, locale)('oneFileOnly') };
      return;
    }
    const file = files[0]!;
    try {
      const spec = await readSpecFile(file);
      this.editor.loadSpec(spec);
      this.notice = { tone: 'ok', text: (locale) => translator(specFileMessages, locale)('opened', { fileObject: fileObject(file.name, locale) }) };
    } catch (error) {
      const reason = (locale: Locale) => (error instanceof SpecFileError ? specFileProblemText(error.problem, locale) : String(error));
      this.notice = { tone: 'bad', text: (locale) => translator(specFileMessages, locale)('openFailed', { fileObject: fileObject(file.name, locale), reason: reason(locale) }) };
    }
  }

  async copyCommand(): Promise<void> {
    const spec = this.#validSpec();
    if (spec === null) return;
    const copied = await copyText(nnlabCommand(spec));
    this.notice = { tone: copied ? 'ok' : 'bad', text: (locale) => translator(specFileMessages, locale)(copied ? 'copied' : 'copyFailed') };
  }

  #validSpec(): RunSpec | null {
    try {
      return parseRunSpec(this.editor.spec);
    } catch {
      return null; // the buttons are off then, with the reason (blockedReason)
    }
  }
}
