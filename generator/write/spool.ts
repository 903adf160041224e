/**
 * Holding a build's files until the write stage without holding them all in memory. Files are
 * kept as they are until HOLD_BYTES of them are held; after that, each new file's bytes go
 * straight to disk, and the build keeps only where they are (SpooledContent). The write stage
 * then moves them to their names with a rename instead of writing them (atomic.ts writeTree).
 * A site the size of PVE's (25 MB) never reaches the spool; a 20,000-path API (760 MB of pages)
 * held every page until the write stage, 1.7 GB of memory.
 *
 * Where: `DIR/.pve-apidoc-tmp-PID/.pve-apidoc-spool/N`, inside the staging folder the write stage
 * stages under (swap.ts), so the rename never crosses a file system. That name belongs to this
 * live process: other builds' recovery leaves a live pid's names alone (staging.ts), a killed
 * build's spool is removed by the next build like any staging, and a signal removes it before the
 * process exits (interrupt.ts). The spool's own folder name has the write stage's prefix, which
 * no output file may have (atomic.ts checkNames), so it never collides with a file of the site.
 *
 * The spool only saves memory: when its folder cannot be made, files are held in memory as
 * before, and the write stage reports whatever is wrong with the output folder.
 */
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { byteLength, type FileKeeper, SpooledContent } from '../output-file.js';
import { crashPoint } from './crash-point.js';
import { setInterruptCleanup } from './interrupt.js';
import { INTERNAL_PREFIX } from './record.js';
import { lstatOrNull } from './remove.js';
import { swapNames } from './swap.js';

/**
 * Bytes held in memory before files are spooled: over twice PVE 9.1's whole site. A site that
 * spools is not stored in the render cache (cache/render-cache.ts): it is past what pays to cache.
 */
const HOLD_BYTES = 64 * 1024 * 1024;

/** The spool's folder inside the staging folder. */
export const SPOOL_FOLDER = `${INTERNAL_PREFIX}spool`;

/** Staging folders this process is spooling into: recovery (staging.ts) must not take them for a dead build's. */
const spooling = new Set<string>();

/** True when `staging` is the folder a live spool of this process writes into. */
export function isSpooling(staging: string): boolean {
  return spooling.has(staging);
}

export class Spool {
  private held = 0;
  private count = 0;
  /** undefined: not made yet; null: could not be made (files stay in memory). */
  private folder: string | null | undefined;
  private madeTarget = false;

  /** `target`: the output folder as the write stage resolves it (guard.ts resolveTarget). */
  constructor(
    private readonly target: string,
    private readonly budget = holdBytes(),
  ) {}

  /** The FileKeeper of this build: every file the renderers and exporters make goes through it. */
  readonly keep: FileKeeper = (f) => {
    const bytes = byteLength(f.content);
    if (f.content instanceof SpooledContent) return f;
    if (this.held + bytes <= this.budget) {
      this.held += bytes;
      return f;
    }
    const folder = this.open();
    if (folder === null) {
      this.held += bytes;
      return f;
    }
    const path = join(folder, String(this.count++));
    // 'wx': the folder is new and ours; nothing may sit at the name.
    writeFileSync(path, f.content, { flag: 'wx' });
    if (this.count === 1) crashPoint('spooled');
    return { file: f.file, content: new SpooledContent(path, bytes) };
  };

  /** Removes what the spool wrote (a build that failed or was interrupted before its swap); never throws. */
  discard(): void {
    if (this.folder === undefined) return;
    setInterruptCleanup(null);
    spooling.delete(this.staging());
    try {
      // fs.rm removes a link as a link (lstat), never what it points to.
      rmSync(this.staging(), { recursive: true, force: true });
      if (this.madeTarget) rmdirSync(this.target);
    } catch {
      // Not empty (the user wrote into it meanwhile), or gone: left as it is.
    }
    this.folder = undefined;
  }

  private staging(): string {
    return swapNames(this.target, '', process.pid).staging;
  }

  private open(): string | null {
    if (this.folder !== undefined) return this.folder;
    const staging = this.staging();
    let madeStaging = false;
    try {
      if (lstatOrNull(this.target) === null) {
        mkdirSync(dirname(this.target), { recursive: true });
        mkdirSync(this.target);
        this.madeTarget = true;
      }
      // Not recursive: the staging folder must be new (a link or folder at its name is not used).
      mkdirSync(staging);
      madeStaging = true;
      spooling.add(staging);
      mkdirSync(join(staging, SPOOL_FOLDER));
      this.folder = join(staging, SPOOL_FOLDER);
      setInterruptCleanup(() => this.discard());
    } catch {
      spooling.delete(staging);
      try {
        if (madeStaging) rmSync(staging, { recursive: true, force: true });
        if (this.madeTarget) rmdirSync(this.target);
      } catch {
        // Left for the write stage (and the next build's recovery) to deal with.
      }
      this.madeTarget = false;
      this.folder = null;
    }
    return this.folder;
  }
}

/** HOLD_BYTES, or PVE_APIDOC_TEST_SPOOL_BYTES: a test hook that lets a small site exercise the spool. */
function holdBytes(): number {
  const hook = process.env.PVE_APIDOC_TEST_SPOOL_BYTES;
  const n = Number(hook);
  return hook !== undefined && hook !== '' && Number.isSafeInteger(n) && n >= 0 ? n : HOLD_BYTES;
}
