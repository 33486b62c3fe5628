import { getContext, setContext } from 'svelte';
import type { HandInFile, LabApi, LabPush } from '$engine/api/lab-api';
import type { LabPack, PackOpenOutcome, PackSummary, StudentIdentity } from '$engine/api/lab-pack';
import { messageOf } from '$engine/api/error-message';
import { saveFile } from '../history/save-file';
import { dropAction, type DroppedFile } from './file-drop';
import { handInFileName } from './hand-in-name';

/** What the last open, drop or double-click did, one line per file. */
export type PackNotice =
  | { kind: 'opened'; outcome: PackOpenOutcome }
  | { kind: 'failed'; file: string; message: string }
  | { kind: 'refused'; file: string; reason: 'too-large' | 'folder' | 'empty' };

/** A hand-in just made and saved: its file name and what it holds. */
export interface HandInResult {
  packId: string;
  fileName: string;
  student: StudentIdentity;
  runs: number;
  entries: number;
}

/** Why the identity form is asked for: the first pack opened, a hand-in, or the student's own edit. */
export type IdentityReason = 'open' | 'hand-in' | 'edit';

/**
 * The lab packs opened in this history and the PC's student, for every screen: the labs list,
 * the header's name, the window's drop overlay, and Electron's double-clicked files (pushed).
 * Loaded once and refreshed after each change it makes.
 */
export class Packs {
  list = $state.raw<PackSummary[]>([]);
  /** The opened packs in full (their sheets), for a sheet opened outside its pack to point there. */
  full = $state.raw<LabPack[]>([]);
  student = $state.raw<StudentIdentity | null>(null);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  notices = $state.raw<PackNotice[]>([]);
  /** The identity form, while it is open: why, and what continues once it is answered (null: not given). */
  identity = $state.raw<{ reason: IdentityReason; done: (student: StudentIdentity | null) => void } | null>(null);
  handingIn = $state<string | null>(null);
  handInResult = $state.raw<HandInResult | null>(null);
  handInError = $state<string | null>(null);

  constructor(private readonly api: LabApi) {}

  async refresh(): Promise<void> {
    try {
      const [list, student] = await Promise.all([this.api.listPacks(), this.api.getStudent()]);
      this.list = list;
      this.student = student;
      const full = await Promise.all(list.map((pack) => this.api.getPack(pack.id).catch(() => null)));
      this.full = full.filter((pack): pack is LabPack => pack !== null);
      this.loaded = true;
      this.loadError = null;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  /** Opens pack files (the Open button's or dropped ones), one after another; each gets its notice line. */
  async openFiles(files: readonly File[]): Promise<void> {
    const notices: PackNotice[] = [];
    for (const file of files) {
      const planned = dropAction(file as DroppedFile);
      if (planned.action === 'refuse') {
        notices.push({ kind: 'refused', file: file.name, reason: planned.reason });
        continue;
      }
      try {
        const outcome = await this.api.openPack(new Uint8Array(await file.arrayBuffer()));
        notices.push({ kind: 'opened', outcome });
      } catch (error) {
        notices.push({ kind: 'failed', file: file.name, message: messageOf(error) });
      }
    }
    await this.#afterOpening(notices);
  }

  /** A pack the desktop app opened itself (a double-clicked file): shown as if opened here. */
  receive(push: LabPush): boolean {
    if (push.type === 'pack-opened') void this.#afterOpening([{ kind: 'opened', outcome: push.outcome }]);
    else if (push.type === 'pack-open-failed') void this.#afterOpening([{ kind: 'failed', file: push.file, message: push.message }]);
    else return false;
    return true;
  }

  async #afterOpening(notices: PackNotice[]): Promise<void> {
    this.notices = notices;
    await this.refresh();
    // The first pack a student opens is when the app learns whose runs these are.
    if (this.student === null && notices.some((n) => n.kind === 'opened')) await this.askStudent('open');
  }

  /** The opened packs that hand out this sheet. */
  packsWithSheet(sheetId: string): LabPack[] {
    return this.full.filter((pack) => pack.sheets.some((sheet) => sheet.id === sheetId));
  }

  dismissNotices(): void {
    this.notices = [];
  }

  /** Opens the identity form; resolves with what was saved, or null when it was put off. */
  askStudent(reason: IdentityReason): Promise<StudentIdentity | null> {
    this.identity?.done(null);
    return new Promise((resolve) => {
      this.identity = {
        reason,
        done: (student) => {
          this.identity = null;
          resolve(student);
        },
      };
    });
  }

  /** Keeps the student on this PC (the form's Save); throws with the service's message when refused. */
  async saveStudent(student: StudentIdentity): Promise<void> {
    await this.api.setStudent(student);
    this.student = await this.api.getStudent();
  }

  /** Makes and saves the student's hand-in for a pack, asking for the identity first if none is kept. */
  async handIn(pack: PackSummary): Promise<void> {
    this.handInError = null;
    this.handInResult = null;
    const student = this.student ?? (await this.askStudent('hand-in'));
    if (student === null) return;
    this.handingIn = pack.id;
    try {
      const made: HandInFile = await this.api.makeHandIn(pack.id);
      const fileName = handInFileName(pack.title, made.student.number);
      saveFile(fileName, made.file, 'application/gzip');
      this.handInResult = { packId: pack.id, fileName, student: made.student, runs: made.runs, entries: made.entries };
    } catch (error) {
      this.handInError = messageOf(error);
    } finally {
      this.handingIn = null;
    }
  }
}

const KEY = Symbol('nnlab-packs');

export function providePacks(packs: Packs): void {
  setContext(KEY, packs);
}

export function usePacks(): Packs {
  const packs = getContext<Packs | undefined>(KEY);
  if (!packs) throw new Error('usePacks() called outside the app');
  return packs;
}
