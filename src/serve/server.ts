// `pilothouse serve`: the apiserver of a booted cluster over HTTPS, on 127.0.0.1 unless told
// otherwise, with a fresh CA and serving certificate and an admin bearer token per start.
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ADMIN_USER, type ApiServer, type UserInfo, type WatchHandle } from '../engine/api/index.ts';
import { newToken, TokenAuthenticator } from './authn.ts';
import { createHandler, impersonationAuthorizer } from './handler.ts';
import { createUpgradeHandler } from './execstream.ts';
import { buildKubeconfig, kubeconfigYaml } from './kubeconfig.ts';
import { OpenApiV3 } from './openapi.ts';
import { OpenApiV2 } from './openapi-v2.ts';
import { generateServingCertificates, type ServingCertificates } from './tls.ts';

export interface ServeOptions {
  /** The apiserver to serve (a booted cluster's `api`). */
  api: ApiServer;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; 127.0.0.1 by default, so nothing outside this machine can connect. */
  address?: string;
  /** Where to write an admin kubeconfig (mode 0600), if anywhere. */
  kubeconfigPath?: string;
  /**
   * The CA and serving certificate, when the caller made them before booting the cluster (so
   * that kube-root-ca.crt publishes the same CA); fresh ones for `address` otherwise.
   */
  certificates?: ServingCertificates;
}

export interface ServedCluster {
  /** `https://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** PEM of the CA that signed the serving certificate. */
  caCert: string;
  /** The cluster-admin's bearer token. */
  adminToken: string;
  /** An admin kubeconfig, as an object (clientcmd v1 Config). */
  kubeconfig: ReturnType<typeof buildKubeconfig>;
  kubeconfigPath?: string;
  /** Issues a bearer token for another user (and returns it). */
  issueToken(user: UserInfo): string;
  /** Ends every open watch and stops listening; the cluster itself keeps running. */
  close(): Promise<void>;
}

/** Starts serving `api` over HTTPS; resolves once listening. */
export async function startServer(options: ServeOptions): Promise<ServedCluster> {
  const address = options.address ?? '127.0.0.1';
  const certs = options.certificates ?? await generateServingCertificates([address]);
  // Service-account tokens from TokenRequest (`kubectl create token`) are the apiserver's to verify.
  const tokens = new TokenAuthenticator((token) => options.api.authenticateServiceAccountToken(token));
  const adminToken = newToken();
  tokens.add(adminToken, ADMIN_USER);
  const watches = new Set<WatchHandle>();
  // The OpenAPI documents' Last-Modified: they are made for this server, as it starts.
  const started = new Date();
  const context = {
    api: options.api, tokens, watches,
    openapi: new OpenApiV3(options.api.registry, started), openapiV2: new OpenApiV2(options.api.registry, started),
    authorizer: impersonationAuthorizer(options.api), serverAddress: '',
  };
  const server = createServer({ cert: certs.cert, key: certs.key }, createHandler(context));
  // exec and attach arrive as Upgrade requests (WebSocket, or SPDY from kubectl's fallback).
  const upgrades = createUpgradeHandler(context);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => upgrades.handle(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  context.serverAddress = `${host}:${port}`;
  const url = `https://${host}:${port}`;
  const input = { server: url, caCert: certs.caCert, token: adminToken };
  if (options.kubeconfigPath) await writeFile(options.kubeconfigPath, kubeconfigYaml(input), { mode: 0o600 });
  return {
    url, port, caCert: certs.caCert, adminToken, kubeconfig: buildKubeconfig(input),
    ...(options.kubeconfigPath ? { kubeconfigPath: options.kubeconfigPath } : {}),
    issueToken(user) {
      const token = newToken();
      tokens.add(token, user);
      return token;
    },
    async close() {
      for (const w of watches) w.stop();
      upgrades.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
