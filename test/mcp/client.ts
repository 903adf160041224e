/** Test helpers: the built CLI's `mcp` command driven by the MCP SDK's own client, or by raw lines. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

export async function connect(schemas: string[]): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--quiet', ...schemas.flatMap((s) => ['--schema', s])],
    stderr: 'pipe',
    cwd: REPO_ROOT,
  });
  const client = new Client({ name: 'pve-apidoc-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** The text of a tool result, with the result's size in bytes (the JSON-RPC result as sent). */
export function textOf(result: unknown): { text: string; isError: boolean; bytes: number } {
  const r = result as { content: { type: string; text: string }[]; isError?: boolean };
  const first = r.content[0];
  if (r.content.length !== 1 || first?.type !== 'text')
    throw new Error(`expected one text content, got ${JSON.stringify(r.content).slice(0, 200)}`);
  return { text: first.text, isError: r.isError === true, bytes: Buffer.byteLength(JSON.stringify(result), 'utf8') };
}

/** A server process spoken to line by line: every stdout line is kept, parsed or not. */
export class RawServer {
  readonly lines: string[] = [];
  private buffer = '';
  private readonly waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  readonly child: ChildProcessWithoutNullStreams;

  constructor(schemas: string[]) {
    this.child = spawn(process.execPath, [BIN, 'mcp', '--quiet', ...schemas.flatMap((s) => ['--schema', s])], { cwd: REPO_ROOT });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl = this.buffer.indexOf('\n');
      while (nl !== -1) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.lines.push(line);
        for (const w of [...this.waiters]) {
          if (w.test(line)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
        nl = this.buffer.indexOf('\n');
      }
    });
  }

  send(text: string): void {
    this.child.stdin.write(text);
  }

  /** The next stdout line for which `test` holds (lines already received count too). */
  next(test: (message: any) => boolean): Promise<any> {
    const matches = (line: string): boolean => {
      try {
        return test(JSON.parse(line));
      } catch {
        return false;
      }
    };
    const seen = this.lines.find(matches);
    if (seen !== undefined) return Promise.resolve(JSON.parse(seen));
    return new Promise((resolve) => this.waiters.push({ test: matches, resolve: (line) => resolve(JSON.parse(line)) }));
  }

  async request(id: number, method: string, params: unknown = {}): Promise<any> {
    this.send(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    return this.next((m) => m.id === id);
  }

  async initialize(): Promise<void> {
    await this.request(0, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } });
    this.send(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  }

  close(): Promise<number | null> {
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.stdin.end();
    });
  }
}
