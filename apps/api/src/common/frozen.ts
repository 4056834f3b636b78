/** A value no one may change: every nested object and array read-only, in types and at run time. */
export type Frozen<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends Date
    ? T
    : T extends readonly (infer E)[]
      ? readonly Frozen<E>[]
      : T extends object
        ? { readonly [K in keyof T]: Frozen<T[K]> }
        : T;

/** Freezes `value` and everything in it (a cache's shared answer), and returns it. */
export function deepFreeze<T>(value: T): Frozen<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value as Frozen<T>;
}
