// The client room's public face: how every component reaches the apiserver (DESIGN.md, "the one rule").
export type { Transport } from './transport.ts';
export { createInProcessTransport } from './transport.ts';
export type { Client, ClientOptions, DeleteOptions, ListOptions, PatchOptions, Preconditions, WatchOptions, WriteOptions } from './client.ts';
export { createClient } from './client.ts';
export type { ResourceDescriptor, ResourceScope } from './resources.ts';
export { resources, resourceString } from './resources.ts';
export type { IndexName, LabelSelector, Lister } from './informers/cache.ts';
export type { EventHandler, HandlerRegistration, SharedInformer } from './informers/sharedInformer.ts';
export type { InformerFactory, InformerFactoryOptions, InformerOptions } from './informers/factory.ts';
export { createInformerFactory } from './informers/factory.ts';
export { ReflectorError } from './informers/reflector.ts';
export type { QueueOptions, RateLimitingQueue } from './workqueue/queue.ts';
export { createRateLimitingQueue } from './workqueue/queue.ts';
export type { RateLimiter } from './workqueue/rateLimiters.ts';
export { bucketRateLimiter, defaultControllerRateLimiter, itemExponentialFailureRateLimiter, maxOfRateLimiter } from './workqueue/rateLimiters.ts';
export type { ControllerDefinition, RunControllerOptions, RunningController, SyncContext, WatchSpec } from './controller.ts';
export { defineController, runController, watch } from './controller.ts';
