// What a describer runs with, and the list helper the describers share.
import type { KubeList, KubeObject, RequestQuery } from '../../engine/api/index.ts';
import type { Rest } from '../rest.ts';
import { searchEvents, type CoreEvent } from './events.ts';

/** The describer's view of the cluster and of time. */
export interface DescribeContext {
  rest: Rest;
  /** Virtual now, for ages. */
  now: number;
  /** --show-events: when false, describers leave the Events section out. */
  showEvents: boolean;
  /** --chunk-size: lists are fetched in pages of this many. */
  chunkSize: number;
}

/** Lists a resource, following `continue` tokens as runtimeresource.FollowContinue does. */
export async function listAll<T extends KubeObject>(ctx: DescribeContext, group: string, version: string, resource: string, namespace: string | undefined, query: RequestQuery = {}): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const list = await ctx.rest.request({
      verb: 'list', group, version, resource, ...(namespace ? { namespace } : {}),
      query: { ...query, ...(ctx.chunkSize > 0 ? { limit: ctx.chunkSize } : {}), ...(token ? { continue: token } : {}) },
    }) as KubeList<T>;
    items.push(...list.items);
    token = list.metadata.continue;
  } while (token);
  return items;
}

/** The events about `obj` (with its kind and uid), or undefined when events are not shown. */
export async function eventsFor(ctx: DescribeContext, obj: KubeObject, kind: string | undefined): Promise<CoreEvent[] | undefined> {
  if (!ctx.showEvents) return undefined;
  const meta = obj.metadata ?? {};
  return await searchEvents(ctx.rest, { name: meta.name ?? '', ...(meta.namespace ? { namespace: meta.namespace } : {}), ...(kind ? { kind } : {}), ...(meta.uid ? { uid: meta.uid } : {}) });
}
