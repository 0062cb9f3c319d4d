// kubectl auth whoami: asks the apiserver who the request runs as (a SelfSubjectReview) and
// prints the user's attributes as an ATTRIBUTE/VALUE table, or the review with -o.
// Models kubernetes/kubectl pkg/cmd/auth/whoami.go (Run, printTableSelfSubjectAccessReview).
import { isStatusError } from '../../engine/api/index.ts';
import { KubectlError } from '../errors.ts';
import { TabWriter } from '../printers/table.ts';
import type { Subcommand } from '../subcommands.ts';
import { printWritten, type AnyObject } from '../writes.ts';
import type { Invocation } from './command.ts';
import { optionFlags } from './options.ts';
import { SUBCOMMAND_HELP } from './help-subcommands.ts';

interface UserInfo { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> }

// fmt's %v of a []string: `[a b c]`.
const goList = (values: string[]) => `[${values.join(' ')}]`;

/** The table whoami.go prints: username, uid, groups, then each extra key in sorted order; empty ones left out. */
export function printUserInfo(ui: UserInfo): string {
  const tw = new TabWriter();
  tw.writeLine(['ATTRIBUTE', 'VALUE']);
  if (ui.username) tw.writeLine(['Username', ui.username]);
  if (ui.uid) tw.writeLine(['UID', ui.uid]);
  if (ui.groups?.length) tw.writeLine(['Groups', goList(ui.groups)]);
  for (const key of Object.keys(ui.extra ?? {}).sort()) tw.writeLine([`Extra: ${key}`, goList(ui.extra![key]!)]);
  return tw.flush();
}

async function whoami(inv: Invocation): Promise<void> {
  let review: AnyObject & { status?: { userInfo?: UserInfo } };
  try {
    review = await inv.rest.request({
      verb: 'create', group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews',
      body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: {} } },
    }) as typeof review;
  } catch (err) {
    if (isStatusError(err) && err.status.reason === 'Forbidden') throw new KubectlError('the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it');
    if (isStatusError(err) && err.status.reason === 'NotFound') {
      throw new KubectlError('the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API');
    }
    throw err;
  }
  if (inv.flags.string('output') === '') {
    inv.io.out(printUserInfo(review.status?.userInfo ?? {}));
    return;
  }
  printWritten(inv, review, '');
}

export const WHOAMI: Subcommand = { name: 'whoami', flags: optionFlags(SUBCOMMAND_HELP['auth whoami']!), run: whoami };
