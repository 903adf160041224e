/**
 * One product per site: `--product X` is refused on a schema whose paths clearly say another
 * product, and versions of different products are not built into one site or compared by `diff`.
 * Small fixtures here; the real schemas in test/versions/one-product.real.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOneProduct } from '../../generator/diff/product.js';
import { EXIT, InputError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { normalize } from '../../generator/model/normalize.js';
import { clearProduct, resolveProduct } from '../../generator/model/product.js';
import type { ApiModel, Product } from '../../generator/model/types.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

/** A viewer dump with one GET on each path. */
function dump(paths: string[]): unknown[] {
  return paths.map((path) => ({
    path,
    text: path.split('/').pop(),
    info: { GET: { name: 'get', description: 'Get.', parameters: { type: 'object', properties: {} }, returns: { type: 'null' } } },
  }));
}

function model(paths: string[], source: string, version: string, product?: Product): ApiModel {
  return normalize({ source, dialect: 'viewer', document: dump(paths), version, ...(product ? { product } : {}) }, silentLogger());
}

describe('clearProduct: detection with evidence', () => {
  it('names the product and the path when hallmarks of exactly one product are present', () => {
    expect(clearProduct(['/version', '/admin/datastore/{store}'])).toEqual({ product: 'pbs', path: '/admin/datastore/{store}' });
    expect(clearProduct(['/api2/json/nodes/{node}/lxc'])).toEqual({ product: 'pve', path: '/api2/json/nodes/{node}/lxc' });
    expect(clearProduct(['/statistics/mail'])).toEqual({ product: 'pmg', path: '/statistics/mail' });
  });
  it('is null without evidence (the embedded example, a tiny schema) or with conflicting evidence', () => {
    expect(clearProduct([])).toBeNull();
    expect(clearProduct(['/version', '/nodes/{node}/vms'])).toBeNull();
    expect(clearProduct(['/nodes/{node}/qemu', '/quarantine'])).toBeNull();
  });
});

describe('--product against the paths', () => {
  it('is refused when the paths clearly say another product, naming the file and both products', () => {
    expect(() => resolveProduct(['/admin/datastore'], 'pve', 'pbs.json')).toThrow(InputError);
    expect(() => model(['/admin', '/admin/datastore'], 'pbs.json', '1', 'pve')).toThrow(
      'pbs.json - --product pve does not match the schema: it is Proxmox Backup Server (it has /admin/datastore); leave --product out or give --product pbs',
    );
  });
  it('is taken when detection has no evidence or conflicting evidence, and when it agrees', () => {
    expect(model(['/version', '/nodes'], 'x.json', '1', 'pmg').product).toBe('pmg');
    expect(model(['/nodes/{node}/qemu', '/quarantine'], 'x.json', '1', 'pmg').product).toBe('pmg');
    expect(model(['/quarantine'], 'x.json', '1', 'pmg').product).toBe('pmg');
  });
});

describe('checkOneProduct', () => {
  const pve = model(['/nodes/{node}/qemu'], 'pve.json', '9.1');
  const pve2 = model(['/cluster/ha'], 'pve-2.json', '9.0');
  const pbs = model(['/config/datastore'], 'pbs.json', '3.4');
  it('passes models of one product', () => {
    expect(() => checkOneProduct([pve2, pve])).not.toThrow();
    expect(() => checkOneProduct([pve])).not.toThrow();
  });
  it('names every version, its product and its file', () => {
    expect(() => checkOneProduct([pbs, pve2, pve])).toThrow(
      'pbs.json - versions must be of one product: 3.4 is Proxmox Backup Server (pbs.json); 9.0, 9.1 are Proxmox VE (pve-2.json, pve.json)',
    );
  });
  it('says when a product was only guessed', () => {
    const example = model(['/version'], 'example.json', '1.0');
    expect(() => checkOneProduct([example, pbs])).toThrow(
      'example.json - versions must be of one product: 1.0 is Proxmox VE (example.json, guessed: its paths do not tell); 3.4 is Proxmox Backup Server (pbs.json)',
    );
  });
});

describe('the CLI refuses mixed products (exit 3, one line)', () => {
  const dir = tempDir('pve-apidoc-products-');
  writeFileSync(join(dir, 'pve.json'), JSON.stringify(dump(['/nodes', '/nodes/{node}/qemu'])));
  writeFileSync(join(dir, 'pbs.json'), JSON.stringify(dump(['/admin', '/admin/datastore'])));
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
  const oneLine = (stderr: string) => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    return stderr.trim();
  };

  it('build with versions of two products', () => {
    const result = run('build', '--schema', '1.0=pve.json', '--schema', '2.0=pbs.json', '--out', 'site');
    expect(result.status).toBe(EXIT.input);
    expect(oneLine(result.stderr)).toBe(
      'pve-apidoc: pve.json - versions must be of one product: 1.0 is Proxmox VE (pve.json); 2.0 is Proxmox Backup Server (pbs.json)',
    );
  });
  it('diff of two products', () => {
    const result = run('diff', 'pve.json', 'pbs.json');
    expect(result.status).toBe(EXIT.input);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toMatch(/versions must be of one product: .*Proxmox VE.*Proxmox Backup Server/);
  });
  it('build --product pve on a Backup Server schema; --product on the embedded example is taken', () => {
    const result = run('build', '--schema', 'pbs.json', '--product', 'pve', '--out', 'site');
    expect(result.status).toBe(EXIT.input);
    expect(oneLine(result.stderr)).toMatch(/pbs\.json - --product pve does not match the schema: it is Proxmox Backup Server/);
    expect(run('build', '--product', 'pmg', '--quiet', '--out', 'example').status).toBe(EXIT.ok);
  });
});
