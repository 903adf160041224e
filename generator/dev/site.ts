/**
 * The dev server's site, kept in memory: the model, the prepared non-page files and the templates.
 * Each kind of change redoes only its own part, and pages are rendered when a browser asks for
 * them (then cached), so a template edit costs a template reload plus the pages being looked at:
 *   template   -> reload templates, drop rendered pages
 *   site/src   -> rebuild the browser assets (Vite), re-prepare the files, drop rendered pages
 *   schema     -> reload the model, re-prepare the files, drop rendered pages
 */
import { performance } from 'node:perf_hooks';
import { loadModel, prepareSite, type BuildOptions, type PreparedSite } from '../build.js';
import type { Logger } from '../log.js';
import type { ApiModel } from '../model/types.js';
import { siteAssets, type Assets } from '../render/assets.js';
import { renderSite } from '../render/pages.js';
import type { OutputFile } from '../output-file.js';
import { loadTemplates, type Templates } from '../render/templates.js';

export class DevSite {
  private model!: ApiModel;
  private assets: Assets = siteAssets();
  private templates: Templates;
  private prepared!: PreparedSite;
  private files = new Map<string, OutputFile['content']>();
  private pages = new Set<string>();
  private rendered = new Map<string, string>();
  /** Pages served most recently, newest last: re-rendered right after a change, before the reload. */
  private recent: string[] = [];

  private constructor(
    readonly options: BuildOptions,
    private readonly log: Logger,
  ) {
    this.templates = loadTemplates(options.templates);
  }

  static async create(options: BuildOptions, log: Logger): Promise<DevSite> {
    const site = new DevSite(options, log);
    await site.reloadModel();
    return site;
  }

  /** Schema (or formats) changed: load, validate and normalize again. Keeps the old model on error. */
  async reloadModel(): Promise<void> {
    this.model = (await loadModel(this.options, this.log)).model;
    this.prepare();
  }

  /** A template changed: compile the templates again (cheap; Handlebars compiles lazily). */
  reloadTemplates(): void {
    this.templates = loadTemplates(this.options.templates);
    this.prepared = { ...this.prepared, templates: this.templates };
    this.rendered.clear();
  }

  /** The browser assets were rebuilt into site/dist. */
  reloadAssets(): void {
    this.assets = siteAssets();
    this.prepare();
  }

  /** The theme (logo file) changed. */
  reloadTheme(): void {
    this.prepare();
  }

  private prepare(): void {
    this.prepared = prepareSite(this.model, this.options, { shared: { assets: this.assets, templates: this.templates } });
    this.files = new Map(this.prepared.files.map((f) => [f.file, f.content]));
    // The page list without rendering anything: renderSite asks `only` about every page first.
    const pages = new Set<string>();
    renderSite(this.model, this.templates, {
      ...this.prepared.render,
      only: (file) => {
        pages.add(file);
        return false;
      },
    });
    this.pages = pages;
    this.rendered.clear();
  }

  has(file: string): boolean {
    return this.pages.has(file) || this.files.has(file);
  }

  isPage(file: string): boolean {
    return this.pages.has(file);
  }

  /** The file's content, rendering a page on first request. */
  get(file: string): OutputFile['content'] | undefined {
    if (this.pages.has(file)) {
      this.recent = [...this.recent.filter((f) => f !== file), file].slice(-3);
      let html = this.rendered.get(file);
      if (html === undefined) {
        html = this.render(file);
        this.rendered.set(file, html);
      }
      return html;
    }
    return this.files.get(file);
  }

  /** Renders the recently viewed pages again (after a change, so the reload finds them ready); returns how many. */
  warm(): number {
    for (const file of this.recent) if (!this.rendered.has(file) && this.pages.has(file)) this.rendered.set(file, this.render(file));
    return this.recent.length;
  }

  private render(file: string): string {
    const [page] = renderSite(this.model, this.prepared.templates, { ...this.prepared.render, only: (f) => f === file });
    if (!page) throw new Error(`no page ${file}`);
    return String(page.content);
  }

  get stats(): { paths: number; operations: number; title: string } {
    return { paths: this.model.stats.paths, operations: this.model.stats.operations, title: this.model.title };
  }
}

/** Milliseconds since `start`, rounded for display. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
