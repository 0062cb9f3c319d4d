// The API objects the network reads, typed as far as it reads them: Services (core/v1) and
// EndpointSlices (discovery.k8s.io/v1). The EndpointSlice controller writes the same shapes.
import type { KubeObject } from '../api/index.ts';
import type { Lister } from '../client/index.ts';

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalName?: string;
    selector?: Record<string, string>;
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
  };
}

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port?: number;
}

export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints: Endpoint[] | null;
  ports?: EndpointPort[] | null;
}

/** The label tying an EndpointSlice to its Service (discovery.LabelServiceName). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The slices of one Service, from an informer's cache. */
export function slicesOf(slices: Lister<EndpointSlice>, namespace: string, service: string): EndpointSlice[] {
  return slices.listNamespace(namespace, { [SERVICE_NAME_LABEL]: service });
}

/** A headless Service: no ClusterIP, so DNS answers with its endpoints' addresses. */
export const isHeadless = (svc: Service) => svc.spec?.clusterIP === 'None';

/** An endpoint counts as ready unless its condition says otherwise (a nil `ready` means ready, per the API). */
export const isEndpointReady = (ep: Endpoint) => ep.conditions?.ready !== false;
