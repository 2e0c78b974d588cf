import type DataLoader from "dataloader";

/**
 * Per-request DataLoaders. Each feature module creates its own loaders on first use under a unique name,
 * so one request shares one loader per relation and batches across every resolver that asks.
 */
export class RequestLoaders {
  readonly #loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.#loaders.get(name);
    if (!loader) {
      loader = create() as unknown as DataLoader<unknown, unknown>;
      this.#loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V>;
  }
}

/** Orders batch results to match the requested keys (DataLoader's contract). */
export function byKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map<K, V>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups batch results per requested key (one-to-many relations). */
export function groupByKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
