// The simulated container runtime's public face (DESIGN.md, runtime/): one per node, CRI-shaped.
export * from './cri.ts';
