/**
 * The three Reflect metadata functions tsyringe (a dependency of @peculiar/x509 v2) checks for at
 * load time. Stop-gap until `reflect-metadata` is a dependency: then replace the body of `x509.ts`'s
 * first import with `import 'reflect-metadata'` and delete this file.
 */
type Key = unknown;
type Target = object;

interface ReflectMetadata {
  getMetadata?(key: Key, target: Target, property?: PropertyKey): unknown;
  getOwnMetadata?(key: Key, target: Target, property?: PropertyKey): unknown;
  defineMetadata?(key: Key, value: unknown, target: Target, property?: PropertyKey): void;
}

const reflect = Reflect as typeof Reflect & ReflectMetadata;

if (typeof reflect.getMetadata !== 'function') {
  const store = new WeakMap<Target, Map<PropertyKey | undefined, Map<Key, unknown>>>();
  const own = (
    target: Target,
    property: PropertyKey | undefined,
    create: boolean,
  ): Map<Key, unknown> | undefined => {
    let byProperty = store.get(target);
    if (byProperty === undefined) {
      if (!create) return undefined;
      byProperty = new Map();
      store.set(target, byProperty);
    }
    let entries = byProperty.get(property);
    if (entries === undefined && create) {
      entries = new Map();
      byProperty.set(property, entries);
    }
    return entries;
  };
  reflect.defineMetadata = (key, value, target, property) => {
    own(target, property, true)?.set(key, value);
  };
  reflect.getOwnMetadata = (key, target, property) => own(target, property, false)?.get(key);
  reflect.getMetadata = (key, target, property) => {
    for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t) as Target | null) {
      const entries = own(t, property, false);
      if (entries?.has(key) === true) return entries.get(key);
    }
    return undefined;
  };
}

export {};
