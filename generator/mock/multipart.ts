/**
 * multipart/form-data bodies (proxmoxer's and the GUI's ISO and template uploads), parsed by busboy
 * as they stream in: fields are kept (bounded), files are counted and dropped, so a 2 GiB upload
 * costs no more memory than a small one. A file is a parameter whose value is its file name, as
 * pveproxy hands `filename` to the upload call; its size is reported beside it.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** Default ceiling of one upload body: generous, as ISO images are large; counted, never stored. */
export const MAX_UPLOAD = 2 * 1024 ** 3;
/**
 * Limits on what is kept: the form fields, not the files. Each field may hold 1 MiB, and all of
 * them together `fieldBytes` (readMultipart): 1000 fields of 1 MiB each were 1 GiB held per request.
 */
const FIELD_LIMITS = { fieldSize: 1024 * 1024, fields: 1000, files: 8, parts: 1100, fieldNameSize: 200 };

export interface MultipartBody {
  fields: [string, string][];
  uploads: { field: string; filename: string; size: number }[];
}

/** 'fields-too-large': the fields together passed `fieldBytes`, whatever the files weigh. */
export type MultipartResult = MultipartBody | 'too-large' | 'fields-too-large' | 'malformed';

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

/**
 * Reads the body; 'too-large' as soon as it passes `limit` bytes, 'fields-too-large' as soon as its
 * fields pass `fieldBytes` (the rest is not read), 'malformed' when busboy cannot parse it.
 */
export function readMultipart(req: IncomingMessage, limit: number, fieldBytes: number): Promise<MultipartResult> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      resolve('too-large');
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { ...FIELD_LIMITS, fileSize: limit } });
    } catch {
      resolve('malformed');
      return;
    }
    const body: MultipartBody = { fields: [], uploads: [] };
    let total = 0;
    let kept = 0;
    let settled = false;
    const finish = (result: MultipartResult): void => {
      if (settled) return;
      settled = true;
      if (result !== body) {
        req.unpipe(parser);
        req.resume();
      }
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) finish('too-large');
    });
    parser.on('field', (name, value, info) => {
      kept += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (info.valueTruncated || info.nameTruncated || kept > fieldBytes) finish('fields-too-large');
      else body.fields.push([name, value]);
    });
    parser.on('file', (name, stream, info) => {
      const upload = { field: name, filename: info.filename ?? '', size: 0 };
      body.uploads.push(upload);
      stream.on('data', (chunk: Buffer) => {
        upload.size += chunk.length;
      });
      stream.on('limit', () => finish('too-large'));
    });
    for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(event, () => finish('too-large'));
    parser.on('error', () => finish('malformed'));
    parser.on('close', () => finish(body));
    req.on('error', () => finish('malformed'));
    req.pipe(parser);
  });
}
