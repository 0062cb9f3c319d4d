import { describeStoreConformance } from './conformance.ts';
import { createMemoryStore } from './memory.ts';

describeStoreConformance('memory', (clock) => createMemoryStore({ clock }));
