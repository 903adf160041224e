// The npm `proxmox-api` client (a devDependency) against `pve-apidoc mock` over HTTPS, run by
// test/mock/clients.real.test.ts as `mock -- sh -c 'NODE_EXTRA_CA_CERTS=$PVE_APIDOC_MOCK_CA node …'`:
// the mock's certificate is trusted, not skipped. Exit 0 and a last line "flow ok" when every step holds.
import proxmoxApi from 'proxmox-api';

const url = new URL(process.env.PVE_APIDOC_MOCK_URL);
const options = { host: url.hostname, port: Number(url.port) };

function expect(cond, what) {
  if (!cond) throw new Error(`failed: ${what}`);
  console.log(`ok - ${what}`);
}

async function expectError(status, call, what) {
  try {
    await call();
  } catch (error) {
    expect(String(error.message).includes(`Error ${status}`), `${what}: ${status}`);
    return;
  }
  throw new Error(`failed: ${what}: no error`);
}

async function wait(api, upid, worker) {
  expect(upid.split(':')[5] === worker, `task is a ${worker} worker`);
  for (let i = 0; i < 60; i++) {
    const status = await api.nodes.$('pve1').tasks.$(upid).status.$get();
    if (status.status === 'stopped') return expect(status.exitstatus === 'OK', `${worker} ended OK`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`failed: ${upid} still running`);
}

const api = proxmoxApi({ ...options, username: 'root@pam', password: 'secret' });
const token = proxmoxApi({ ...options, tokenID: 'root@pam!ci', tokenSecret: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
expect((await token.version.$get()).version, 'token login reads the version');
expect((await api.nodes.$get()).filter((n) => n.status === 'online').map((n) => n.node).join() === 'pve1', 'node pve1 is online');
const vmid = Number(await api.cluster.nextid.$get());
expect(vmid >= 100, `nextid ${vmid} >= 100`);
const node = api.nodes.$('pve1');
await wait(api, await node.qemu.$post({ vmid, name: 'ci-vm', memory: '1024', cores: 2 }), 'qmcreate');
expect((await node.qemu.$get()).some((v) => v.vmid === vmid), 'the VM is listed on the node');
const resources = await api.cluster.resources.$get({ type: 'vm' });
expect(resources.find((r) => r.vmid === vmid)?.type === 'qemu', 'cluster/resources lists it as qemu');
expect((await node.qemu.$(vmid).config.$get()).name === 'ci-vm', 'its config reads back');
await node.qemu.$(vmid).config.$put({ memory: '2048' });
expect(String((await node.qemu.$(vmid).config.$get()).memory) === '2048', 'an update is read back');
await wait(api, await node.qemu.$(vmid).status.start.$post(), 'qmstart');
expect((await node.qemu.$(vmid).status.current.$get()).status === 'running', 'status running after start');
await wait(api, await node.qemu.$(vmid).snapshot.$post({ snapname: 'pre-upgrade' }), 'qmsnapshot');
expect((await node.qemu.$(vmid).snapshot.$get()).some((s) => s.name === 'pre-upgrade'), 'the snapshot is listed');
await wait(api, await node.qemu.$(vmid).status.stop.$post(), 'qmstop');
await wait(api, await node.qemu.$(vmid).$delete(), 'qmdestroy');
expect(!(await node.qemu.$get()).some((v) => v.vmid === vmid), 'the deleted VM is gone');
await expectError(400, () => node.qemu.$post({ vmid, memroy: 1 }), 'an unknown parameter');
await expectError(400, () => node.tasks.$('not-a-upid').status.$get(), 'a malformed UPID');
console.log('flow ok');
