/** The benchmark's own command line: `npm run bench -- [--runs N] [--quick] [--skip a,b] [--schemas DIR]`. */
import { resolve } from 'node:path';
import { packageRoot } from '../generator/paths.js';

/** The steps --skip can name, in run order. */
const STEPS = ['builds', 'weight', 'browser', 'versions', 'dev', 'scale', 'hardening', 'lighthouse', 'mock'] as const;

export interface Options {
  runs: number;
  quick: boolean;
  skip: Set<string>;
  schemas: string;
}

export function parseOptions(argv: string[]): Options {
  const options: Options = { runs: 5, quick: false, skip: new Set(), schemas: resolve(packageRoot(), '..', 'shared', 'schemas') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--skip') {
      for (const s of value()
        .split(',')
        .map((x) => x.trim())) {
        if (!new Set<string>(STEPS).has(s)) throw new Error(`--skip ${s}: no such step (${STEPS.join(', ')})`);
        options.skip.add(s);
      }
    } else if (arg === '--schemas') options.schemas = resolve(value());
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`npm run bench -- [--runs N (default 5)] [--quick] [--skip ${STEPS.join(',')}] [--schemas DIR]\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (options.quick && options.runs === 5) options.runs = 3;
  return options;
}
