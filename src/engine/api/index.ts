// The apiserver's public face: what clients (the client room) and the boot code see.
export * from './errors.ts';
export type * from './types.ts';
export type * from './request.ts';
