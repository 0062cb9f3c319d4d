// @vitest-environment jsdom
// The shell over a real in-browser cluster (fake-indexeddb standing in for the browser's IndexedDB).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { bootPlayground, type Playground } from './boot.ts';
import { initialClusterView, useCluster } from './stores/cluster.ts';
import { resources } from '../engine/client/index.ts';

let running: Playground | undefined;
beforeEach(() => useCluster.setState(initialClusterView, true));
afterEach(async () => {
  cleanup();
  await running?.stop();
  running = undefined;
});

const revisionShown = () => Number(screen.getByTestId('store-revision').textContent);

describe('App', () => {
  it('says the cluster is starting until the store has opened', () => {
    render(<App />);
    expect(screen.getByText('starting the cluster…')).toBeTruthy();
    expect(screen.queryByTestId('store-revision')).toBeNull();
  });

  it('shows the revision and the system namespaces once the cluster has booted', async () => {
    render(<App />);
    running = await bootPlayground({ indexedDB: new IDBFactory() });
    await waitFor(() => expect(screen.getByRole('region', { name: 'namespaces' }).textContent).toBe('Namespacesdefaultkube-node-leasekube-publickube-system'));
    // At least the newest write among what the view watches (namespaces, kube-system leases).
    const watched = [...(await running!.cluster.client.list(resources.namespaces)).items,
      ...(await running!.cluster.client.list({ ...resources.leases, namespace: 'kube-system' })).items];
    expect(revisionShown()).toBeGreaterThanOrEqual(Math.max(...watched.map((o) => Number(o.metadata?.resourceVersion))));
  });

  it('follows the cluster: a namespace created through the API appears, and the revision moves to its write', async () => {
    render(<App />);
    running = await bootPlayground({ indexedDB: new IDBFactory() });
    const ns = await running!.cluster.client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    await waitFor(() => expect(screen.getByText('team-a')).toBeTruthy());
    expect(revisionShown()).toBe(Number((ns.metadata as { resourceVersion?: string }).resourceVersion));
  });

  it('finds the cluster where it was left after a reload', async () => {
    const indexedDB = new IDBFactory();
    const first = await bootPlayground({ indexedDB });
    const ns = await first!.cluster.client.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kept' } });
    await first!.stop();
    useCluster.setState(initialClusterView, true);

    render(<App />);
    running = await bootPlayground({ indexedDB });
    expect(useCluster.getState().error).toBeUndefined();
    await waitFor(() => expect(screen.getByText('kept')).toBeTruthy());
    // The reboot renews the apiserver's identity lease: one write past what the first boot left.
    expect(revisionShown()).toBeGreaterThan(Number((ns.metadata as { resourceVersion?: string }).resourceVersion));
  });

  it('says why when the browser has no usable IndexedDB', async () => {
    const broken = { open: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } };
    render(<App />);
    running = await bootPlayground({ indexedDB: broken as unknown as IDBFactory });
    expect(running).toBeUndefined();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('SecurityError'));
  });
});
