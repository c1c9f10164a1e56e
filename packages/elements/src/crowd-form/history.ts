/**
 * The undo history of a `<crowd-form>`: a list of form snapshots with a cursor. A snapshot maps
 * each field's key to its state (see `fieldStates` in crowd-form.ts); typing bursts in one field
 * become one step, so Ctrl+Z takes back a word or a sentence, not one letter.
 */

/** Field key → state (null when empty). */
export type FormSnapshot = ReadonlyMap<string, string | null>;

/** Keystrokes in one field less than this apart are one undo step. */
export const TYPING_BURST_MS = 1000;

/** Old steps are dropped beyond this many, so a long task cannot grow memory without bound. */
export const HISTORY_LIMIT = 200;

export function sameSnapshot(a: FormSnapshot, b: FormSnapshot): boolean {
  if (a.size !== b.size) return false;
  for (const [key, state] of a) if (!b.has(key) || b.get(key) !== state) return false;
  return true;
}

export class FormHistory {
  #entries: FormSnapshot[] = [];
  #index = -1;
  /** The field being typed into, while its `input` events keep coming without a `change`. */
  #burst: { source: EventTarget; time: number } | null = null;

  get canUndo(): boolean {
    return this.#index > 0;
  }

  get canRedo(): boolean {
    return this.#index < this.#entries.length - 1;
  }

  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  /** The snapshot the form shows now, as far as the history knows. */
  get present(): FormSnapshot | undefined {
    return this.#entries[this.#index];
  }

  /** Starts the history, or brings the present up to date with changes made by code since the last step. */
  baseline(snapshot: FormSnapshot): void {
    if (this.#index < 0) {
      this.#entries = [snapshot];
      this.#index = 0;
    } else if (!sameSnapshot(snapshot, this.#entries[this.#index]!)) {
      this.#entries[this.#index] = snapshot;
    }
  }

  /**
   * Records the state after a user change. `kind` is the event: `input` while a value is being
   * edited (coalesced per source within {@link TYPING_BURST_MS}), `change` when it is committed.
   * Returns whether the history changed.
   */
  record(snapshot: FormSnapshot, kind: 'input' | 'change', source: EventTarget | null, now: number): boolean {
    const present = this.present;
    if (present && sameSnapshot(snapshot, present)) {
      if (kind === 'change') this.#burst = null;
      return false;
    }
    const burst = this.#burst;
    const continues = kind === 'input' && burst !== null && burst.source === source && now - burst.time < TYPING_BURST_MS;
    if (continues && this.#index > 0) {
      this.#entries[this.#index] = snapshot;
    } else {
      this.#entries.splice(this.#index + 1, Infinity, snapshot);
      if (this.#entries.length > HISTORY_LIMIT) this.#entries.splice(0, this.#entries.length - HISTORY_LIMIT);
      this.#index = this.#entries.length - 1;
    }
    this.#burst = kind === 'input' && source ? { source, time: now } : null;
    return true;
  }

  undo(): FormSnapshot | undefined {
    if (!this.canUndo) return undefined;
    this.#burst = null;
    return this.#entries[--this.#index];
  }

  redo(): FormSnapshot | undefined {
    if (!this.canRedo) return undefined;
    this.#burst = null;
    return this.#entries[++this.#index];
  }
}
