// The ServiceAccounts controller: every active namespace has a `default` ServiceAccount, put
// back when deleted. Models pkg/controller/serviceaccount/serviceaccounts_controller.go
// (syncNamespace): keyed by namespace; woken by namespace adds and SA deletes.
import { isAlreadyExists, type KubeObject } from '../api/index.ts';
import { defineController, resources, watch } from '../client/index.ts';

/** The service accounts every namespace gets (upstream's DefaultServiceAccountsControllerOptions). */
export const DEFAULT_SERVICE_ACCOUNTS = ['default'];

export const serviceAccountsController = defineController({
  name: 'serviceaccount',
  watches: {
    namespaces: watch(resources.namespaces),
    serviceAccounts: watch(resources.serviceaccounts, { keysFor: (sa: KubeObject) => [sa.metadata?.namespace ?? ''] }),
  },
  async sync(namespace, { listers, client }) {
    const ns = listers.namespaces.get(namespace);
    if (!ns || (ns.status as { phase?: string } | undefined)?.phase !== 'Active' || ns.metadata?.deletionTimestamp) return;
    for (const name of DEFAULT_SERVICE_ACCOUNTS) {
      if (listers.serviceAccounts.get(`${namespace}/${name}`)) continue;
      try {
        await client.create({ ...resources.serviceaccounts, namespace }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    }
  },
});
