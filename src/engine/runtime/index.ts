// The simulated container runtime's public face (DESIGN.md, runtime/): one per node, CRI-shaped.
export * from './cri.ts';
export { createContainerRuntime, type RuntimeOptions } from './runtime.ts';
export { parseImageReference, type ImageReference, type ParsedReference } from './reference.ts';
export { CATALOGUE, type ImageDefinition } from './images.ts';
export { NO_NETWORK, type DnsQuestion, type DnsRecord, type DnsReply, type DnsType, type HttpHandler, type PodNetworkAttachment, type HttpRequest, type HttpResult, type NetworkHook, type Program, type ProcessContext } from './process.ts';
export { rfc3339Nano } from './logs.ts';
export { UsageMeter, Mi, type Amount, type ResourceDemand, type MeteredProcess, type UsageSample } from './usage.ts';
