// What a stop (Ctrl-C) waits for before it ends a streaming command. A script cannot wait to
// press Ctrl-C: its stop comes at once, before a served cluster's first answer has crossed the
// network. So a stop first lets the command's first output (a followed log so far, an attach's
// refusal) arrive, for at most a second of real time: an empty log sends nothing, and a paused
// virtual clock would never end the wait. An interactive Ctrl-C comes long after that output.

const FIRST_OUTPUT_GRACE_MS = 1000;

/** `first`'s value, or undefined when it takes longer than the grace. */
export async function withinGrace<T>(first: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof globalThis.setTimeout> | undefined;
  const grace = new Promise<undefined>((resolve) => { timer = globalThis.setTimeout(() => resolve(undefined), FIRST_OUTPUT_GRACE_MS); });
  try {
    return await Promise.race([first, grace]);
  } finally {
    globalThis.clearTimeout(timer);
  }
}
