// Reading and decoding request bodies, as upstream's handlers/rest.go limitedReadBody and the
// create/update/patch handlers: at most 3 MiB (kube-apiserver's --max-request-bytes default),
// JSON, YAML or protobuf (what kubectl's typed clients send) for objects, one of the patch types
// for PATCH.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, decodeProtobuf, PROTOBUF_MEDIA_TYPE, requestEntityTooLarge, unsupportedMediaType, type PatchType } from '../engine/api/index.ts';
import { mediaTypeOf } from './negotiation.ts';

/** kube-apiserver's MaxRequestBodyBytes: 3 MiB. */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** The body's bytes (protobuf bodies are binary), refusing more than `limit` bytes with upstream's 413. */
export async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining (so the client sees our answer rather than a reset), but stop keeping bytes.
    if (size > limit) tooLarge = true;
    else chunks.push(chunk);
  }
  if (tooLarge) throw requestEntityTooLarge(`Request entity too large: limit is ${limit}`);
  return Buffer.concat(chunks);
}

// The serializers this server has for objects, in upstream's order (no CBOR: off by default in v1.33).
const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', PROTOBUF_MEDIA_TYPE];

/** An object body (create, update, delete options) decoded by its Content-Type. */
export function decodeObjectBody(bytes: Uint8Array, contentType: string | undefined): unknown {
  const media = mediaTypeOf(contentType);
  // Protobuf becomes the JSON object the same Go struct prints (engine/api/protobuf.ts).
  if (media === PROTOBUF_MEDIA_TYPE) return bytes.length === 0 ? undefined : decodeProtobuf(bytes);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (text.trim() === '') return undefined;
  if (media === '' || media === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
  }
  if (media === 'application/yaml') {
    try {
      return parseYaml(text) as unknown;
    } catch (e) {
      throw badRequest(`couldn't get version/kind; yaml parse error: ${(e as Error).message}`);
    }
  }
  throw unsupportedMediaType(OBJECT_MEDIA_TYPES);
}

// handlers/patch.go: the patch types a built-in resource accepts, in upstream's order; a custom
// resource has no strategic merge patch (it has no Go struct to read merge keys from).
const BUILTIN_PATCH_TYPES: PatchType[] = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const CUSTOM_PATCH_TYPES: PatchType[] = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

/** The patch type a PATCH's Content-Type names, or upstream's 415 listing the accepted ones. */
export function patchTypeOf(contentType: string | undefined, custom: boolean): PatchType {
  const media = mediaTypeOf(contentType);
  const accepted = custom ? CUSTOM_PATCH_TYPES : BUILTIN_PATCH_TYPES;
  const found = accepted.find((t) => t === media);
  if (!found) throw unsupportedMediaType(accepted);
  return found;
}
