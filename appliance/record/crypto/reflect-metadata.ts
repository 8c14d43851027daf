/**
 * @peculiar/x509 2.x injects its services with tsyringe, which refuses to load unless a
 * `Reflect.getMetadata` polyfill is present (it only reads `design:paramtypes`, which our code never
 * emits). This is the minimal subset tsyringe calls; import `./x509.ts` rather than the package.
 */
type Key = unknown;
type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: Key, target: object) => unknown;
  getOwnMetadata?: (key: Key, target: object) => unknown;
  defineMetadata?: (key: Key, value: unknown, target: object) => void;
  hasMetadata?: (key: Key, target: object) => boolean;
};

const reflect = Reflect as MetadataReflect;

if (typeof reflect.getMetadata !== 'function') {
  const store = new WeakMap<object, Map<Key, unknown>>();
  const own = (key: Key, target: object): unknown => store.get(target)?.get(key);
  const lookup = (key: Key, target: object): unknown => {
    for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
      const map = store.get(t);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
  reflect.getOwnMetadata = own;
  reflect.getMetadata = lookup;
  reflect.hasMetadata = (key, target) => lookup(key, target) !== undefined;
  reflect.defineMetadata = (key, value, target) => {
    const map = store.get(target) ?? new Map<Key, unknown>();
    map.set(key, value);
    store.set(target, map);
  };
}

export {};
