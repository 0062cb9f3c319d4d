// What a patch gives back: the patched object, or the failure the real apiserver answers with.
// The apiserver turns a PatchFailure into its Status (api/errors.ts); `detail` keeps the
// underlying library error where the real server hides it behind a generic message.
import type { JsonValue } from './value.ts';

/** A failed patch, as the real apiserver reports it. */
export interface PatchFailure {
  code: 400 | 413 | 415 | 422 | 500;
  /** '' where upstream returns a plain Go error (Status reason Unknown, code 500). */
  reason: 'BadRequest' | 'RequestEntityTooLarge' | 'UnsupportedMediaType' | 'Invalid' | '';
  message: string;
  /** The underlying error text, when `message` is the generic one of NewGenericServerResponse. */
  detail?: string;
}

export type PatchResult = { ok: true; object: JsonValue } | { ok: false; failure: PatchFailure };

export const patched = (object: JsonValue): PatchResult => ({ ok: true, object });
export const failed = (failure: PatchFailure): PatchResult => ({ ok: false, failure });

/** 422 as errors.NewGenericServerResponse builds it: the real error text does not reach the client. */
export const unprocessable = (detail: string): PatchFailure =>
  ({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', detail });

/** 400 BadRequest carrying the error's own text. */
export const badRequest = (message: string): PatchFailure => ({ code: 400, reason: 'BadRequest', message });

/** A plain Go error returned from a handler: 500, reason Unknown, the error's text as message. */
export const plainError = (message: string): PatchFailure => ({ code: 500, reason: '', message });
