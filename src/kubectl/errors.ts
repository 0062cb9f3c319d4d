// How kubectl turns an error into what the terminal shows: one place, as checkErr.
// Models kubernetes/kubectl pkg/cmd/util/helpers.go (checkErr, StandardErrorMessage,
// MultilineError, MultipleErrors, UsageErrorf) and cobra's flag error hook in kubectl's cmd.go.
import { isStatusError, type Status, type StatusError } from '../engine/api/index.ts';

/** A client-side failure: printed as `error: <message>` (unless the message says otherwise). */
export class KubectlError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'KubectlError';
    this.exitCode = exitCode;
  }
}

/**
 * An exit with a non-zero status and nothing on stderr: cmdutil.ErrExit, which checkErr turns
 * into fatal("", 1). The command has already said what it had to say (e.g. `no` from can-i).
 */
export class SilentExit extends Error {
  readonly exitCode: number;
  constructor(exitCode = 1) {
    super('exit');
    this.name = 'SilentExit';
    this.exitCode = exitCode;
  }
}

/** Several failures of one command (utilerrors.Aggregate): one line each, without `error: `. */
export class AggregateError extends Error {
  readonly errors: unknown[];
  constructor(errors: unknown[]) {
    super(errors.map(messageForError).join('\n'));
    this.name = 'AggregateError';
    this.errors = errors;
  }
}

/** A kubeconfig problem (clientcmd's configuration errors): printed after `Error in configuration: `. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** cmdutil.UsageErrorf: the message, then where to read the command's help. */
export const usageError = (commandPath: string, message: string) =>
  new KubectlError(`${message}\nSee '${commandPath} -h' for help and examples`);

/** cobra's flag error, as kubectl's FlagErrorFunc words it. */
export const flagError = (commandPath: string, message: string) =>
  new KubectlError(`${message}\nSee '${commandPath} --help' for usage.`);

/** StandardErrorMessage: the API's errors get `Error from server`; others have no standard form. */
function standardErrorMessage(err: unknown): string | undefined {
  if (!isStatusError(err)) return undefined;
  const { reason, message } = err.status;
  if (reason === 'Unauthorized') return `error: You must be logged in to the server (${message})`;
  return reason ? `Error from server (${reason}): ${message}` : `Error from server: ${message}`;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const messageForError = (err: unknown) => standardErrorMessage(err) ?? messageOf(err);

// An Invalid status: `The Kind "name" is invalid: ` and its causes, one per line when several.
function invalidMessage(err: StatusError): string | undefined {
  const details = err.status.details;
  if (!details) return undefined;
  const head = details.kind || details.name ? `The ${details.kind ?? ''} ${JSON.stringify(details.name ?? '')} is invalid` : 'The request is invalid';
  const causes = [...new Set((details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : c.message ?? '')))];
  if (causes.length === 0) return undefined;
  return causes.length === 1 ? `${head}: ${causes[0]}` : `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
}

/**
 * The Statuses checkErr hands to StandardErrorMessage for `err`, which logs each at --v=4 and
 * above ("server response object", the StatusError's DebugError) before the error is printed:
 * every API error but an Invalid one (checkErr words those itself), and each API error of an
 * aggregate (MultipleErrors' messageForError).
 */
export function serverResponseObjects(err: unknown): Status[] {
  if (err instanceof AggregateError) return err.errors.length === 1 ? serverResponseObjects(err.errors[0]) : err.errors.flatMap((e) => (isStatusError(e) ? [e.status] : []));
  if (!isStatusError(err) || err.status.reason === 'Invalid') return [];
  return [err.status];
}

/** The stderr text kubectl prints for `err` (ending in a newline, or empty for a SilentExit), and its exit code. */
export function checkErr(err: unknown): { stderr: string; exitCode: number } {
  // As checkErr, an aggregate of one is just that error.
  if (err instanceof AggregateError && err.errors.length === 1) return checkErr(err.errors[0]);
  if (err instanceof SilentExit) return { stderr: '', exitCode: err.exitCode };
  let msg: string;
  if (err instanceof ConfigurationError) {
    msg = `Error in configuration: ${err.message}`;
  } else if (isStatusError(err) && err.status.reason === 'Invalid' && invalidMessage(err) !== undefined) {
    msg = invalidMessage(err)!;
  } else if (err instanceof AggregateError) {
    msg = err.errors.map(messageForError).join('\n');
  } else {
    msg = standardErrorMessage(err) ?? messageOf(err);
    if (standardErrorMessage(err) === undefined && !msg.startsWith('error: ')) msg = `error: ${msg}`;
  }
  return { stderr: msg.endsWith('\n') ? msg : `${msg}\n`, exitCode: err instanceof KubectlError ? err.exitCode : 1 };
}
