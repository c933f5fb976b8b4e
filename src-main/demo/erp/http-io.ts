import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** A request the demo ERP refuses, with the HTTP status and the `{error:{code,message}}` it answers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Largest request body the demo ERP reads (1 MiB); larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body as JSON, refusing more than `limit` bytes (413) and anything that does not parse (400).
 * An empty body reads as `undefined`, so the schema check reports the missing fields.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  return parseJsonBody(await readRawBody(req, limit));
}

/** Reads a request body's bytes, refusing more than `limit` bytes (413). */
export async function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses body bytes as JSON (400 when they do not parse); an empty body reads as `undefined`. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'bad-json', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload-too-large', `request body exceeds ${limit} bytes`, { connection: 'close' });
}

/**
 * Validates `value` against `schema`, or throws a 400 whose message names the first offending field
 * (`lines.0.quantity: Too small: expected number to be >0`).
 * @param what - names the input in the message when the value itself is wrong (`body`, `query`)
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : what;
  throw new HttpError(400, 'bad-request', `${field}: ${issue?.message ?? 'invalid'}`);
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Answers with the contract's error body `{error:{code,message}}`. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}
