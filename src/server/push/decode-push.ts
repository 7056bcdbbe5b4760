import { WatchpostError } from '../../core/index.js';
import type { PushStream } from '../../store/index.js';
import { decodeContentEncoding } from '../http/body.js';
import { decodeJsonPush, decodeLegacyJsonPush } from './decode-json.js';
import { decodeProtobufPush } from './decode-protobuf.js';

export interface PushHeaders {
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
}

/**
 * Loki's push body selection (`ParseLokiRequest`): undo Content-Encoding,
 * then `application/json` → JSON (v1 or legacy shape by route), any other
 * parseable media type → snappy-compressed protobuf; a missing
 * Content-Type is Go's `mime: no media type`.
 */
export function decodePush(body: Buffer, headers: PushHeaders, options: { legacy: boolean; maxBytes: number }): PushStream[] {
  const decoded = decodeContentEncoding(body, headers.contentEncoding, options.maxBytes);
  const mediaType = parseMediaType(headers.contentType ?? '');
  if (mediaType === 'application/json') return options.legacy ? decodeLegacyJsonPush(decoded) : decodeJsonPush(decoded);
  return decodeProtobufPush(decoded, options.maxBytes);
}

/** Go's mime.ParseMediaType, reduced to the media type and its error texts. */
export function parseMediaType(value: string): string {
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const fail = (m: string): never => {
    throw new WatchpostError('ERR_API_BAD_REQUEST', m);
  };
  const token = /^[!#$%&'*+\-.^_`|~0-9a-z]+/;
  const first = token.exec(type)?.[0] ?? '';
  if (first === '') fail('mime: no media type');
  const rest = type.slice(first.length);
  if (rest === '') return type;
  if (!rest.startsWith('/')) fail('mime: expected slash after first token');
  const sub = token.exec(rest.slice(1))?.[0] ?? '';
  if (sub === '') fail('mime: expected token after slash');
  if (rest.length !== sub.length + 1) fail('mime: unexpected content after media subtype');
  return type;
}
