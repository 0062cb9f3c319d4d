import { describe, expect, it } from 'vitest';
import { createRng } from '../../clock/index.ts';
import type { KubeObject } from '../types.ts';
import { createServiceAccount, DefaultAPITokenMountPath } from './ServiceAccount.ts';
import type { Pod } from './pod.ts';
import { attrsFor, statusOf } from './testing.ts';

const sa = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'dev' }, ...extra });
const podWith = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'dev', ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

async function admitPod(pod: Pod, stored: KubeObject[]) {
  const attrs = attrsFor({ resource: 'pods', namespace: 'dev', object: pod, stored });
  const plugin = createServiceAccount(createRng(1));
  const status = (await statusOf(plugin.admit!(attrs))) ?? (await statusOf(plugin.validate!(attrs)));
  return { status, pod };
}

describe('ServiceAccount admission', () => {
  it('defaults serviceAccountName to default and mounts the projected token volume in every container', async () => {
    const { status, pod } = await admitPod(podWith({ initContainers: [{ name: 'init', image: 'busybox' }] }), [sa('default')]);
    expect(status).toBeUndefined();
    const spec = pod.spec!;
    expect(spec.serviceAccountName).toBe('default');
    const volume = spec.volumes?.[0];
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume).toEqual({
      name: volume!.name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    });
    const mount = { name: volume!.name, readOnly: true, mountPath: DefaultAPITokenMountPath };
    expect(spec.containers?.[0]?.volumeMounts).toEqual([mount]);
    expect(spec.initContainers?.[0]?.volumeMounts).toEqual([mount]);
  });

  it('draws the same suffix from the same seed', async () => {
    const a = await admitPod(podWith(), [sa('default')]);
    const b = await admitPod(podWith(), [sa('default')]);
    expect(a.pod.spec?.volumes?.[0]?.name).toBe(b.pod.spec?.volumes?.[0]?.name);
  });

  it.each([
    { name: 'a missing default service account refuses the pod', pod: podWith(), stored: [],
      want: 'pods "web" is forbidden: error looking up service account dev/default: serviceaccount "default" not found' },
    { name: 'a missing named service account refuses the pod', pod: podWith({ serviceAccountName: 'builder' }), stored: [sa('default')],
      want: 'pods "web" is forbidden: error looking up service account dev/builder: serviceaccount "builder" not found' },
    { name: 'a mirror pod may not name a service account', pod: podWith({ serviceAccountName: 'default' }, { 'kubernetes.io/config.mirror': 'x' }), stored: [sa('default')],
      want: 'pods "web" is forbidden: a mirror pod may not reference service accounts' },
  ])('$name', async ({ pod, stored, want }) => {
    const { status } = await admitPod(pod, stored);
    expect(status).toMatchObject({ code: 403, reason: 'Forbidden', message: want });
  });

  it.each([
    { name: 'the pod turning automount off gets no volume', pod: podWith({ automountServiceAccountToken: false }), account: sa('default') },
    { name: 'the service account turning automount off gets no volume', pod: podWith(), account: sa('default', { automountServiceAccountToken: false }) },
    { name: 'a container already mounting the token path keeps its own mount',
      pod: podWith({ containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'mine', mountPath: DefaultAPITokenMountPath }] }] }), account: sa('default') },
  ])('$name', async ({ pod, account }) => {
    const { status } = await admitPod(pod, [account]);
    expect(status).toBeUndefined();
    expect(pod.spec?.volumes).toBeUndefined();
  });

  it('the pod automount choice wins over the service account', async () => {
    const { pod } = await admitPod(podWith({ automountServiceAccountToken: true }), [sa('default', { automountServiceAccountToken: false })]);
    expect(pod.spec?.volumes?.[0]?.name).toMatch(/^kube-api-access-/);
  });

  it('copies the service account image pull secrets when the pod names none', async () => {
    const { pod } = await admitPod(podWith(), [sa('default', { imagePullSecrets: [{ name: 'regcred' }] })]);
    expect(pod.spec?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('leaves mirror pods unchanged', async () => {
    const { status, pod } = await admitPod(podWith({}, { 'kubernetes.io/config.mirror': 'x' }), []);
    expect(status).toBeUndefined();
    expect(pod.spec?.serviceAccountName).toBeUndefined();
  });
});
