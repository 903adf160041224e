import { describe, expect, it } from 'vitest';
import { detectProduct, PRODUCTS } from '../../generator/model/product.js';

describe('PRODUCTS', () => {
  it('knows ports, cookies and token shapes', () => {
    expect(PRODUCTS.pve).toMatchObject({ name: 'Proxmox VE', port: 8006, cookieName: 'PVEAuthCookie', cli: 'pvesh' });
    expect(PRODUCTS.pmg).toMatchObject({ name: 'Proxmox Mail Gateway', port: 8006, cookieName: 'PMGAuthCookie', cli: 'pmgsh' });
    expect(PRODUCTS.pbs).toMatchObject({ name: 'Proxmox Backup Server', port: 8007, cookieName: 'PBSAuthCookie', cli: null });
    expect(PRODUCTS.pve.tokenHeaderFormat).toBe('PVEAPIToken=USER@REALM!TOKENID=SECRET');
    expect(PRODUCTS.pmg.tokenHeaderFormat).toBe('PMGAPIToken=USER@REALM!TOKENID=SECRET');
    // PBS separates token id and secret with a colon.
    expect(PRODUCTS.pbs.tokenHeaderFormat).toBe('PBSAPIToken=USER@REALM!TOKENID:SECRET');
    expect(PRODUCTS.pve.tokenHeaderExample).toBe('PVEAPIToken=root@pam!monitoring=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(PRODUCTS.pbs.tokenHeaderExample).toBe('PBSAPIToken=root@pam!monitoring:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    for (const p of Object.values(PRODUCTS)) {
      expect(p.apiBase).toBe('/api2/json');
      expect(p.id).toBe(Object.keys(PRODUCTS).find((k) => PRODUCTS[k as keyof typeof PRODUCTS] === p));
    }
  });
});

describe('detectProduct', () => {
  it('defaults to pve', () => {
    expect(detectProduct([])).toBe('pve');
    expect(detectProduct(['/version', '/nodes', '/nodes/{node}'])).toBe('pve');
  });
  it('recognizes PBS by its datastore administration', () => {
    expect(detectProduct(['/admin', '/admin/datastore', '/admin/datastore/{store}'])).toBe('pbs');
    expect(detectProduct(['/api2/json/config/datastore/{name}'])).toBe('pbs');
  });
  it('recognizes PMG by quarantine and mail statistics', () => {
    expect(detectProduct(['/quarantine', '/quarantine/spam'])).toBe('pmg');
    expect(detectProduct(['/statistics/mail'])).toBe('pmg');
    expect(detectProduct(['/config/ruledb/rules'])).toBe('pmg');
  });
  it('does not match on mere prefixes of segment names', () => {
    expect(detectProduct(['/quarantined', '/admin/datastores'])).toBe('pve');
  });
  it('lets PVE hallmarks win', () => {
    expect(detectProduct(['/nodes/{node}/qemu', '/quarantine'])).toBe('pve');
  });
});
