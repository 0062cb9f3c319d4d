// Deep copy and deep freeze for API objects. Objects crossing the client boundary are plain
// JSON (what the apiserver would put on the wire), so structuredClone copies them exactly.

/** A fresh, mutable copy of a JSON-shaped value: what a caller may change without sharing memory. */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Freezes a value and everything it reaches, so a cache object handed to many readers cannot
 * be changed by any of them (client-go asks readers not to mutate the cache; here it is enforced).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
