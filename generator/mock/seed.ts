/**
 * The small, consistent cluster a stateful mock starts with (unless --state gives one): what a
 * script expects to find on a fresh host. PVE: node pve1 online, VMs 100 (running) and 101, container
 * 200, storages local and local-lvm; PBS: datastore store1; PMG: node pmg1. Items hold the fields
 * the API takes (config keys as strings, as a form sends them); listings derive the rest
 * (generator/mock/proxmox.ts).
 */
import type { Product } from '../model/types.js';
import { emptyState, type MockState, putItem } from './state.js';

const GIB = 1024 ** 3;

export function seedState(product: Product): MockState {
  const state = emptyState();
  if (product === 'pbs') {
    putItem(state, '/admin/datastore', 'store1', { store: 'store1', comment: 'mock datastore' });
    putItem(state, '/config/datastore', 'store1', { name: 'store1', path: '/mnt/datastore/store1', comment: 'mock datastore' });
    return state;
  }
  const node = product === 'pmg' ? 'pmg1' : 'pve1';
  putItem(state, '/nodes', node, {
    node,
    status: 'online',
    cpu: 0.02,
    maxcpu: 8,
    mem: 4 * GIB,
    maxmem: 32 * GIB,
    uptime: 86400,
    level: '',
  });
  if (product === 'pmg') return state;
  putItem(state, '/nodes/pve1/qemu', '100', {
    vmid: 100,
    name: 'web01',
    status: 'running',
    memory: '2048',
    cores: '2',
    sockets: '1',
    ostype: 'l26',
    scsi0: 'local-lvm:vm-100-disk-0,size=32G',
    net0: 'virtio=BC:24:11:00:01:00,bridge=vmbr0',
    boot: 'order=scsi0',
  });
  putItem(state, '/nodes/pve1/qemu', '101', {
    vmid: 101,
    name: 'db01',
    status: 'stopped',
    memory: '4096',
    cores: '4',
    sockets: '1',
    ostype: 'l26',
    scsi0: 'local-lvm:vm-101-disk-0,size=64G',
    net0: 'virtio=BC:24:11:00:01:01,bridge=vmbr0',
  });
  putItem(state, '/nodes/pve1/lxc', '200', {
    vmid: 200,
    hostname: 'dns01',
    status: 'running',
    memory: '512',
    swap: '512',
    cores: '1',
    ostype: 'debian',
    rootfs: 'local-lvm:vm-200-disk-0,size=8G',
    net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
  });
  const storages = [
    { storage: 'local', type: 'dir', path: '/var/lib/vz', content: 'iso,vztmpl,backup,import' },
    { storage: 'local-lvm', type: 'lvmthin', vgname: 'pve', thinpool: 'data', content: 'rootdir,images' },
  ];
  for (const s of storages) {
    putItem(state, '/storage', s.storage, s);
    putItem(state, '/nodes/pve1/storage', s.storage, {
      storage: s.storage,
      type: s.type,
      content: s.content,
      active: 1,
      enabled: 1,
      shared: 0,
      total: 100 * GIB,
      used: 12 * GIB,
      avail: 88 * GIB,
    });
  }
  return state;
}
