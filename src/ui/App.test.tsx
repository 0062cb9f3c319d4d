// @vitest-environment jsdom
// The shell over a real in-browser store (fake-indexeddb standing in for the browser's).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { bootPlayground, type Playground } from './boot.ts';
import { initialClusterView, useCluster } from './stores/cluster.ts';

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

  it('shows the store revision once booted, and the boot marker has moved it past 1', async () => {
    render(<App />);
    running = await bootPlayground({ indexedDB: new IDBFactory() });
    await waitFor(() => expect(revisionShown()).toBe(2));
  });

  it('follows the store: a write elsewhere moves the revision shown', async () => {
    render(<App />);
    running = await bootPlayground({ indexedDB: new IDBFactory() });
    await running!.store.put({ key: '/registry/namespaces/default', value: '{}' });
    await waitFor(() => expect(revisionShown()).toBe(3));
  });

  it('finds the cluster where it was left after a reload, one boot later', async () => {
    const indexedDB = new IDBFactory();
    const first = await bootPlayground({ indexedDB });
    await first!.store.put({ key: '/registry/namespaces/default', value: '{}' });
    await first!.stop();
    useCluster.setState(initialClusterView, true);

    render(<App />);
    running = await bootPlayground({ indexedDB });
    await waitFor(() => expect(revisionShown()).toBe(4));
    expect((await running!.store.range({ key: '/pilothouse/boot' })).kvs[0]?.value).toBe('2');
  });

  it('says why when the browser has no usable IndexedDB', async () => {
    const broken = { open: () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } };
    render(<App />);
    running = await bootPlayground({ indexedDB: broken as unknown as IDBFactory });
    expect(running).toBeUndefined();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('SecurityError'));
  });
});
