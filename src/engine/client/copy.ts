// Deep freeze for cached API objects (deep copies come from the api room's `deepCopy`).

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
