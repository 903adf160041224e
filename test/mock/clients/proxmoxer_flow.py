"""An automation script as a user would write it with proxmoxer (the library Ansible's Proxmox
modules use), run by test/mock/clients.real.test.ts against `pve-apidoc mock` over HTTPS. The
certificate is checked against the PEM the mock names (PVE_APIDOC_MOCK_CA), not skipped.

Usage: python3 proxmoxer_flow.py pve|pbs   (exit 0 and a last line "flow ok: N responses")
"""
import os
import re
import sys
import tempfile
import time
from urllib.parse import urlparse

from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException

URL = urlparse(os.environ["PVE_APIDOC_MOCK_URL"])
CA = os.environ["PVE_APIDOC_MOCK_CA"]
PLACEHOLDER = re.compile(r'"<[a-z][a-z0-9_-]*>"')
seen = []


def check_response(response, *args, **kwargs):
    """Every answer the client gets: no `<placeholder>` value left in it."""
    seen.append(response.url)
    found = PLACEHOLDER.search(response.text)
    if found:
        raise AssertionError("placeholder %s in %s" % (found.group(0), response.url))


def connect(service, **auth):
    api = ProxmoxAPI(URL.hostname, port=URL.port, service=service, verify_ssl=CA, **auth)
    api._store["session"].hooks["response"].append(check_response)
    return api


def expect(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok -", what)


def expect_status(status, call, what):
    try:
        call()
    except ResourceException as e:
        expect(e.status_code == status, "%s: %s (%s)" % (what, status, e))
        return
    raise AssertionError("%s: no error" % what)


def wait(api, node, upid, worker):
    expect(upid.split(":")[5] == worker, "task %s is a %s worker" % (upid, worker))
    for _ in range(60):
        status = api.nodes(node).tasks(upid).status.get()
        if status["status"] == "stopped":
            expect(status.get("exitstatus") == "OK", "%s ended OK" % worker)
            return
        time.sleep(0.5)
    raise AssertionError("%s still running" % upid)


def pve():
    api = connect("PVE", user="root@pam", password="secret")
    token = connect("PVE", user="root@pam", token_name="ci", token_value="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
    expect(token.version.get()["version"], "token login reads the version")
    nodes = api.nodes.get()
    expect([n["node"] for n in nodes if n["status"] == "online"] == ["pve1"], "node pve1 is online")
    vmid = int(api.cluster.nextid.get())
    expect(vmid >= 100, "nextid %d >= 100" % vmid)
    node = api.nodes("pve1")

    wait(api, "pve1", node.qemu.create(vmid=vmid, name="ci-vm", memory=1024, cores=2, net0="virtio,bridge=vmbr0"), "qmcreate")
    expect(vmid in [v["vmid"] for v in node.qemu.get()], "VM %d is listed on the node" % vmid)
    resources = api.cluster.resources.get(type="vm")
    expect([r["type"] for r in resources if r.get("vmid") == vmid] == ["qemu"], "cluster/resources lists it as qemu")
    config = node.qemu(vmid).config.get()
    expect(config["name"] == "ci-vm" and int(config["cores"]) == 2, "its config reads back")
    node.qemu(vmid).config.put(memory=2048, description="set by CI")
    config = node.qemu(vmid).config.get()
    expect(str(config["memory"]) == "2048" and config["description"] == "set by CI", "an update is read back")

    wait(api, "pve1", node.qemu(vmid).status.start.post(), "qmstart")
    expect(node.qemu(vmid).status.current.get()["status"] == "running", "status running after start")
    wait(api, "pve1", node.qemu(vmid).snapshot.post(snapname="pre-upgrade"), "qmsnapshot")
    expect("pre-upgrade" in [s["name"] for s in node.qemu(vmid).snapshot.get()], "the snapshot is listed")

    with tempfile.NamedTemporaryFile(suffix=".iso") as iso:
        iso.write(b"\0" * (1024 * 1024))
        iso.flush()
        with open(iso.name, "rb") as f:
            wait(api, "pve1", node.storage("local").upload.post(content="iso", filename=f), "imgcopy")
        name = os.path.basename(iso.name)
    content = node.storage("local").content.get(content="iso")
    expect("local:iso/" + name in [c["volid"] for c in content], "the uploaded ISO is in storage content")

    wait(api, "pve1", node.qemu(vmid).status.stop.post(), "qmstop")
    expect(node.qemu(vmid).status.current.get()["status"] == "stopped", "status stopped after stop")
    wait(api, "pve1", node.qemu(vmid).delete(), "qmdestroy")
    expect(vmid not in [v["vmid"] for v in node.qemu.get()], "the deleted VM is gone")
    expect(vmid not in [r.get("vmid") for r in api.cluster.resources.get(type="vm")], "and gone from cluster/resources")

    expect_status(400, lambda: node.qemu.create(vmid=vmid, memroy=1024), "an unknown parameter")
    expect_status(400, lambda: node.tasks("not-a-upid").status.get(), "a malformed UPID")


def pbs():
    api = connect("PBS", user="root@pam", password="secret")
    token = connect("PBS", user="root@pam", token_name="ci", token_value="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
    stores = api.admin.datastore.get()
    expect([s["store"] for s in stores] == ["store1"], "datastore store1 is listed")
    expect([s["store"] for s in token.admin.datastore.get()] == ["store1"], "and listed with a token")
    expect(api.config.datastore("store1").get()["name"] == "store1", "its config reads")
    api.admin.datastore("store1").status.get()
    expect(True, "its status reads")


{"pve": pve, "pbs": pbs}[sys.argv[1]]()
print("flow ok: %d responses" % len(seen))
