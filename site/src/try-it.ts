/**
 * The --try-it console (assets/try-it.js, loaded on first use by try-it-loader.ts). For one
 * operation: a form made from its parameter schema, the call checker (the generator's own
 * generator/check, bundled) run before anything is sent, the request sent same-origin to
 * /api2/json (pve-apidoc serve forwards it), and the answer shown with status, time, pretty JSON
 * and a check against the returns schema.
 *
 * Safety rules, all enforced here:
 * - every piece of schema or response text reaches the page through textContent / attributes set
 *   by the DOM API, never as HTML;
 * - credentials live in sessionStorage only (gone with the tab), never in a URL, never logged:
 *   an API token typed by the user, or a ticket from POST /access/ticket (the password is sent once
 *   and not kept); the ticket goes in the X-Apidoc-Ticket header, which serve turns into the cookie;
 * - GET only until the reader switches writes on for this session, and then each POST/PUT/DELETE
 *   waits for a confirmation that shows the exact request.
 */
import { createChecker } from '../../generator/check/index.js';
import { checkResponse } from '../../generator/check/returns.js';
import type { CallValue } from '../../generator/check/value.js';
import type { Operation, Parameter } from '../../generator/model/types.js';
import type { ConsoleData as TryItData } from '../../generator/check/console-data.js';
import type { TryItApi } from './try-it-loader';

const API = '/api2/json';
const KEY = {
  token: 'pve-apidoc.token',
  ticket: 'pve-apidoc.ticket',
  csrf: 'pve-apidoc.csrf',
  writes: 'pve-apidoc.writes',
  mode: 'pve-apidoc.auth',
};
const TOKEN_PREFIX: Record<TryItData['product'], string> = { pve: 'PVEAPIToken=', pmg: 'PMGAPIToken=', pbs: 'PBSAPIToken=' };

const dataCache = new Map<string, Promise<TryItData>>();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function session(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function setSession(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage disabled: the credentials simply do not survive a reload.
  }
}

function loadData(src: string): Promise<TryItData> {
  const url = new URL(src, document.baseURI).href;
  let p = dataCache.get(url);
  if (!p) {
    p = fetch(url, { credentials: 'omit' }).then((r) => {
      if (!r.ok) throw new Error(`${r.status} loading the console data`);
      return r.json() as Promise<TryItData>;
    });
    dataCache.set(url, p);
  }
  return p;
}

/** The name a row sends: `net[n]` becomes `net` plus the chosen index. */
interface Row {
  param: Parameter;
  name(): string;
  value(): CallValue | undefined;
  error: HTMLElement;
}

function mount(container: HTMLElement): void {
  const method = container.dataset['method'] ?? 'GET';
  const status = el('p', { class: 'try-it-status', role: 'status' }, 'Loading…');
  container.append(status);
  loadData(container.dataset['src'] ?? '')
    .then((data) => {
      const op = data.paths[0]?.operations.find((o) => o.method === method);
      if (!op) throw new Error(`no ${method} operation in the console data`);
      status.remove();
      container.append(buildConsole(data, op));
    })
    .catch((error: Error) => {
      status.textContent = `The console could not start: ${error.message}`;
    });
}

function buildConsole(data: TryItData, op: Operation): HTMLElement {
  const checker = createChecker(data);
  const root = el('div', { class: 'try-it-console' });
  root.append(credentialsPanel(data, op));
  const form = el('form', { class: 'try-it-form', novalidate: '' });
  form.addEventListener('submit', (e) => e.preventDefault());
  const rows = op.parameters.map((p) => paramRow(p, data));
  const table = el('div', { class: 'try-it-params' });
  for (const r of rows) table.append(r.element);
  if (rows.length === 0) table.append(el('p', {}, 'This call takes no parameters.'));
  form.append(table);
  const writes = op.method !== 'GET';
  const send = el('button', { type: 'submit', class: 'try-it-send' }, `Send ${op.method}`);
  const writeNote = el('p', { class: 'try-it-write-note' });
  const errors = el('div', { class: 'try-it-errors', role: 'alert' });
  const response = el('div', { class: 'try-it-response', 'aria-live': 'polite' });
  const refreshWrites = (): void => {
    const allowed = session(KEY.writes) === '1';
    send.disabled = writes && !allowed;
    writeNote.textContent =
      writes && !allowed ? `${op.method} changes things: switch on "Allow ${'POST/PUT/DELETE'}" above to send it.` : '';
  };
  document.addEventListener('pve-apidoc-writes', refreshWrites);
  refreshWrites();
  form.append(send, writeNote, errors);
  form.addEventListener('submit', () => {
    errors.replaceChildren();
    for (const r of rows.map((x) => x.row)) r.error.textContent = '';
    const params: Record<string, CallValue> = {};
    const pathValues: Record<string, string> = {};
    for (const { row } of rows) {
      const v = row.value();
      if (v === undefined) continue;
      if (row.param.location === 'path') pathValues[row.param.name] = String(v);
      else params[row.name()] = v;
    }
    // An empty path parameter would leave "//" in the URL, which the checker (like the server)
    // can only call an unknown method: name the parameter instead.
    const missing = rows.filter(({ row }) => row.param.location === 'path' && pathValues[row.param.name] === undefined);
    if (missing.length > 0) {
      const names = missing.map(({ row }) => row.param.name);
      errors.append(el('p', {}, 'Not sent: ', ...joinCodes(names), names.length === 1 ? ' is required.' : ' are required.'));
      for (const { row } of missing) row.error.textContent = 'Required: this part of the URL is empty.';
      return;
    }
    const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(pathValues[name] ?? ''));
    const result = checker.check({ method: op.method, path, params });
    if (result.status !== 200) {
      // Stopped before sending: the server would answer the same.
      errors.append(el('p', {}, `Not sent: ${result.message}`));
      const list = el('ul');
      for (const [name, message] of Object.entries(result.errors)) {
        list.append(el('li', {}, el('code', {}, name), `: ${message}`));
        const row = rows.find((x) => x.row.name() === name || x.row.param.name === name)?.row;
        if (row) row.error.textContent = message;
      }
      errors.append(list);
      return;
    }
    const request = buildRequest(op, path, params, data);
    if (writes) confirmRequest(request, () => void sendRequest(request, op, data, response));
    else void sendRequest(request, op, data, response);
  });
  root.append(form, response);
  return root;
}

/** `a`, `b` and `c` as nodes: each name in a <code> element, joined in words. */
function joinCodes(names: string[]): (Node | string)[] {
  return names.flatMap((name, i) => [...(i === 0 ? [] : [i === names.length - 1 ? ' and ' : ', ']), el('code', {}, name)]);
}

interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

function buildRequest(op: Operation, path: string, params: Record<string, CallValue>, data: TryItData): BuiltRequest {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, String(item));
  const query = op.method === 'GET' || op.method === 'DELETE';
  const headers: Record<string, string> = {};
  const mode = session(KEY.mode) ?? 'token';
  const token = session(KEY.token);
  const ticket = session(KEY.ticket);
  if (mode === 'token' && token) headers['Authorization'] = `${TOKEN_PREFIX[data.product]}${token}`;
  if (mode === 'ticket' && ticket) {
    headers['X-Apidoc-Ticket'] = ticket;
    if (op.method !== 'GET') headers['CSRFPreventionToken'] = session(KEY.csrf) ?? '';
  }
  if (!query) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const qs = form.toString();
  return { method: op.method, url: `${API}${path}${query && qs ? `?${qs}` : ''}`, headers, body: query ? null : qs };
}

/** The exact request, credentials masked: what the confirmation shows. */
function describeRequest(r: BuiltRequest): string {
  const lines = [`${r.method} ${r.url}`];
  for (const [k, v] of Object.entries(r.headers)) {
    const secret = k === 'Authorization' || k === 'X-Apidoc-Ticket' || k === 'CSRFPreventionToken';
    lines.push(`${k}: ${secret ? `${v.slice(0, v.indexOf('=') + 1 || 4)}… (hidden)` : v}`);
  }
  if (r.body !== null) lines.push('', r.body);
  return lines.join('\n');
}

function confirmRequest(r: BuiltRequest, go: () => void): void {
  const dialog = el('dialog', { class: 'try-it-confirm', 'aria-label': 'Confirm request' });
  const pre = el('pre');
  pre.textContent = describeRequest(r);
  const yes = el('button', { type: 'button', class: 'try-it-confirm-send' }, `Send this ${r.method}`);
  // Cancel has the focus when the dialog opens: Enter or a stray key press sends nothing.
  const no = el('button', { type: 'button', class: 'try-it-confirm-cancel', autofocus: '' }, 'Cancel');
  dialog.append(
    el('h2', { class: 'try-it-confirm-title' }, `Send ${r.method}?`),
    el('p', {}, `This ${r.method} request can change the system it reaches. It will be sent exactly as shown:`),
    pre,
    el('div', { class: 'try-it-confirm-actions' }, no, yes),
  );
  const close = (): void => {
    dialog.close();
    dialog.remove();
  };
  yes.addEventListener('click', () => {
    close();
    go();
  });
  no.addEventListener('click', close);
  // Escape closes the dialog without a click: it goes as well.
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

async function sendRequest(r: BuiltRequest, op: Operation, data: TryItData, out: HTMLElement): Promise<void> {
  out.replaceChildren(el('p', {}, 'Sending…'));
  const start = performance.now();
  let res: Response;
  try {
    res = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.body !== null ? { body: r.body } : {}),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (error) {
    out.replaceChildren(el('p', { class: 'try-it-failed' }, `No answer: ${(error as Error).message}`));
    return;
  }
  const text = await res.text();
  const ms = Math.round(performance.now() - start);
  const head = el(
    'p',
    { class: 'try-it-result' },
    el('strong', { class: 'try-it-code' }, `${res.status} ${res.statusText}`),
    ` in ${ms} ms`,
  );
  let parsed: unknown;
  let pretty = text;
  try {
    parsed = JSON.parse(text);
    pretty = JSON.stringify(parsed, null, 2);
  } catch {
    parsed = undefined;
  }
  const pre = el('pre', { class: 'try-it-body' });
  pre.textContent = pretty;
  out.replaceChildren(head, pre);
  if (res.ok && parsed !== null && typeof parsed === 'object' && 'data' in parsed) {
    const check = checkResponse((parsed as { data: unknown }).data, op.returns, data.formats);
    const notes = el('div', { class: 'try-it-fidelity' });
    const mismatches = Object.entries(check.errors);
    if (mismatches.length === 0 && check.undescribed.length === 0) notes.append(el('p', {}, 'The response fits the returns schema.'));
    if (mismatches.length > 0)
      notes.append(el('p', {}, `Differs from the returns schema: ${mismatches.map(([k, m]) => `${k}: ${m}`).join('; ')}`));
    if (check.undescribed.length > 0) notes.append(el('p', {}, `Fields the schema does not describe: ${check.undescribed.join(', ')}`));
    out.append(notes);
  }
}

function paramRow(param: Parameter, data: TryItData): { row: Row; element: HTMLElement } {
  const s = param.schema;
  const id = `try-${param.anchor}`;
  const label = el('label', { for: id }, el('code', {}, param.name));
  if (param.required) label.append(el('span', { class: 'try-it-required' }, ' required'));
  const cell = el('div', { class: 'try-it-input' });
  const hint = el('p', { class: 'try-it-hint' }, s.synopsis);
  const error = el('p', { class: 'try-it-field-error' });
  let read: () => CallValue | undefined;
  let index: HTMLInputElement | null = null;
  if (param.family) {
    index = el('input', {
      type: 'number',
      min: String(param.familyRange?.first ?? 0),
      value: String(param.familyRange?.first ?? 0),
      'aria-label': `${param.family} index`,
      class: 'try-it-index',
    });
    if (param.familyRange) index.max = String(param.familyRange.last);
    cell.append(el('code', {}, param.family), index);
  }
  if (s.enum && s.enum.length > 0) {
    const select = el('select', { id });
    if (!param.required || param.location !== 'path') select.append(el('option', { value: '' }, '(not set)'));
    for (const v of s.enum) select.append(el('option', { value: v }, v));
    cell.append(select);
    read = () => (select.value === '' ? undefined : select.value);
  } else if (s.type === 'boolean') {
    const group = el('span', { role: 'radiogroup', 'aria-label': param.name, id });
    const choices = param.required ? ['1', '0'] : ['', '1', '0'];
    for (const v of choices) {
      const radio = el('input', { type: 'radio', name: id, value: v });
      if (v === '') radio.checked = true;
      group.append(el('label', { class: 'try-it-toggle' }, radio, v === '' ? 'not set' : v));
    }
    cell.append(group);
    read = () => {
      const checked = group.querySelector<HTMLInputElement>('input:checked');
      return checked && checked.value !== '' ? checked.value : undefined;
    };
  } else if (s.type === 'array') {
    const area = el('textarea', { id, rows: '2', placeholder: 'one value per line' });
    cell.append(area);
    read = () => {
      const lines = area.value.split('\n').filter((l) => l !== '');
      return lines.length === 0 ? undefined : lines;
    };
  } else {
    const input = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: s.synopsis });
    cell.append(input);
    read = () => (input.value === '' ? undefined : input.value);
  }
  const keys = propertyKeys(param, data);
  if (keys) hint.textContent = `${s.synopsis} — keys: ${keys}`;
  cell.append(hint, error);
  const row: Row = {
    param,
    name: () => (param.family && index ? `${param.family}${index.value}` : param.name),
    value: () => read(),
    error,
  };
  return { row, element: el('div', { class: 'try-it-row' }, label, cell) };
}

/** "model (default), macaddr, bridge, ..." for a property-string parameter, else null. */
function propertyKeys(param: Parameter, data: TryItData): string | null {
  const f = param.schema.format ?? param.schema.items?.format;
  if (!f) return null;
  const keys =
    f.kind === 'inline'
      ? f.keys
      : f.kind === 'list'
        ? null
        : (() => {
            const def = Object.hasOwn(data.formats, f.name)
              ? data.formats[f.name]
              : Object.hasOwn(data.formats, f.base)
                ? data.formats[f.base]
                : undefined;
            return def?.kind === 'property-string' ? def.keys : null;
          })();
  if (!keys || keys.length === 0) return null;
  return keys.map((k) => `${k.name}${k.defaultKey ? ' (default)' : ''}${k.required ? ' (required)' : ''}`).join(', ');
}

/** Credentials and the write switch: one per page, shared by all consoles on it. */
function credentialsPanel(data: TryItData, op: Operation): HTMLElement {
  const box = el('fieldset', { class: 'try-it-auth' }, el('legend', {}, 'Authentication (kept in this tab only)'));
  const mode = el('select', { 'aria-label': 'How to authenticate', class: 'try-it-mode' });
  for (const [v, t] of [
    ['token', 'API token'],
    ['ticket', 'Log in (ticket)'],
    ['none', 'None'],
  ] as const)
    mode.append(el('option', { value: v }, t));
  mode.value = session(KEY.mode) ?? 'token';
  const tokenInput = el('input', {
    type: 'password',
    autocomplete: 'off',
    class: 'try-it-token',
    placeholder: 'USER@REALM!TOKENID=SECRET',
    'aria-label': 'API token',
  });
  tokenInput.value = session(KEY.token) ?? '';
  const tokenRow = el('p', {}, el('code', {}, TOKEN_PREFIX[data.product]), tokenInput);
  tokenInput.addEventListener('change', () => setSession(KEY.token, tokenInput.value === '' ? null : tokenInput.value));
  const user = el('input', {
    type: 'text',
    autocomplete: 'username',
    placeholder: 'root@pam',
    'aria-label': 'User name',
    class: 'try-it-user',
  });
  const pass = el('input', {
    type: 'password',
    autocomplete: 'current-password',
    placeholder: 'password',
    'aria-label': 'Password',
    class: 'try-it-pass',
  });
  const login = el('button', { type: 'button', class: 'try-it-login' }, 'Log in');
  const loginState = el('span', { class: 'try-it-login-state', role: 'status' }, session(KEY.ticket) ? 'logged in' : '');
  const ticketRow = el('p', {}, user, pass, login, loginState);
  login.addEventListener('click', () => {
    const body = new URLSearchParams({ username: user.value, password: pass.value });
    pass.value = '';
    fetch(`${API}/access/ticket`, { method: 'POST', body, credentials: 'omit', cache: 'no-store' })
      .then(async (res) => {
        const json = (await res.json().catch(() => null)) as { data?: { ticket?: string; CSRFPreventionToken?: string } } | null;
        if (!res.ok || !json?.data?.ticket) throw new Error(`${res.status} ${res.statusText}`);
        setSession(KEY.ticket, json.data.ticket);
        setSession(KEY.csrf, json.data.CSRFPreventionToken ?? '');
        loginState.textContent = 'logged in';
      })
      .catch((error: Error) => {
        loginState.textContent = `login failed: ${error.message}`;
      });
  });
  const show = (): void => {
    tokenRow.hidden = mode.value !== 'token';
    ticketRow.hidden = mode.value !== 'ticket';
  };
  mode.addEventListener('change', () => {
    setSession(KEY.mode, mode.value);
    show();
  });
  show();
  const forget = el('button', { type: 'button', class: 'try-it-forget' }, 'Forget credentials');
  forget.addEventListener('click', () => {
    for (const k of [KEY.token, KEY.ticket, KEY.csrf]) setSession(k, null);
    tokenInput.value = '';
    loginState.textContent = '';
  });
  const writes = el('input', { type: 'checkbox', class: 'try-it-writes' });
  writes.checked = session(KEY.writes) === '1';
  writes.addEventListener('change', () => {
    setSession(KEY.writes, writes.checked ? '1' : null);
    document.dispatchEvent(new Event('pve-apidoc-writes'));
  });
  const writesLabel = el('label', {}, writes, ' Allow POST/PUT/DELETE in this session (each one still asks first)');
  box.append(el('p', {}, mode), tokenRow, ticketRow, el('p', {}, forget), writesLabel);
  if (!op.flags.allowToken) box.append(el('p', { class: 'try-it-hint' }, 'This call does not accept API tokens: log in instead.'));
  return box;
}

const api: TryItApi = { mount };
window.pveApidocTryIt = api;
