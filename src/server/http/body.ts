import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { WatchpostError } from '../../core/index.js';

/** Loki's distributor `max_recv_msg_size` default: 100 MiB. */
export const defaultMaxBodyBytes = 100 * 1024 * 1024;

/** The error for a body over the limit (413). */
export function bodyTooLarge(limitBytes: number): WatchpostError {
  return new WatchpostError('ERR_API_BODY_TOO_LARGE', `request body too large: exceeds the limit of ${limitBytes} bytes`);
}

/**
 * Reads the whole request body, refusing (413) as soon as it passes
 * `limitBytes` — by Content-Length before reading, or while streaming.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    return Promise.reject(bodyTooLarge(limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limitBytes) {
        failed = true;
        chunks.length = 0;
        reject(bodyTooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (!failed) reject(new WatchpostError('ERR_API_BAD_REQUEST', `error reading request body: ${err.message}`, { cause: err }));
    });
    req.on('aborted', () => {
      if (!failed) reject(new WatchpostError('ERR_API_BAD_REQUEST', 'the request was cancelled by the client', { details: { httpStatus: 499 } }));
    });
  });
}

/**
 * Undoes `Content-Encoding` as Loki's push handler does: none or `snappy`
 * (protobuf bodies are snappy-framed by their own format) pass through,
 * `gzip` and `deflate` are inflated — never beyond `limitBytes`, so a
 * compression bomb is a 413, not an out-of-memory.
 */
export function decodeContentEncoding(body: Buffer, encoding: string | undefined, limitBytes: number): Buffer {
  const enc = encoding ?? '';
  if (enc === '' || enc === 'snappy') return body;
  try {
    if (enc === 'gzip') return gunzipSync(body, { maxOutputLength: limitBytes });
    if (enc === 'deflate') return inflateDeflate(body, limitBytes);
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bodyTooLarge(limitBytes);
    const reason = enc === 'gzip' ? gzipReason(err as Error) : 'flate: corrupt input';
    throw new WatchpostError('ERR_API_BAD_REQUEST', reason, { cause: err });
  }
  throw new WatchpostError('ERR_API_BAD_REQUEST', `Content-Encoding "${enc}" not supported`);
}

/** Go's compress/flate reads raw DEFLATE; zlib-wrapped bodies are common too, so both are accepted. */
function inflateDeflate(body: Buffer, limitBytes: number): Buffer {
  try {
    return inflateRawSync(body, { maxOutputLength: limitBytes });
  } catch (err) {
    if (err instanceof RangeError) throw err;
    return inflateSync(body, { maxOutputLength: limitBytes });
  }
}

/** Go's gzip.NewReader/Read errors for the common cases. */
function gzipReason(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' && /incorrect header check/.test(err.message)) return 'gzip: invalid header';
  if (code === 'Z_BUF_ERROR') return 'unexpected EOF';
  return 'gzip: invalid checksum';
}
