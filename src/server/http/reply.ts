import type { ServerResponse } from 'node:http';

/** Writes a JSON body (`application/json; charset=UTF-8`, as Loki answers its API). */
export function sendJson(res: ServerResponse, status: number, value: unknown, trailingNewline = false): void {
  const body = JSON.stringify(value) + (trailingNewline ? '\n' : '');
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Writes an already encoded JSON text. */
export function sendJsonText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Writes a text/plain body. */
export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** 204 No Content. */
export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}
