/**
 * An object that stands for one made later (or swapped while the world runs): every property is
 * read from the current target at the time of use. Tests and benchmarks use it to give the
 * functions app a part (a store through a chaos proxy, a failing queue) that only exists once the
 * world is up.
 */
export interface LateBound<T extends object> {
  /** The stand-in to hand over now. */
  readonly value: T;
  /** What the stand-in forwards to from now on. */
  set(target: T): void;
}

export function lateBound<T extends object>(initial?: T): LateBound<T> {
  let target = initial;
  const value = new Proxy({} as T, {
    get(_t, prop) {
      if (!target) throw new Error(`Used before it was bound (property ${String(prop)}).`);
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    value,
    set: (t) => {
      target = t;
    },
  };
}
