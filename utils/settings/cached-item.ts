import type { WxtStorageItem } from '@wxt-dev/storage';

/** How to forget each cached value (forgetCachedValues). */
const forgetters = new Set<() => void>();

/**
 * A storage item's value, read once and then kept until the item changes: the background reads
 * settings on every hover, and a storage round trip per read would show in the card's latency.
 */
export function cachedValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): () => Promise<T> {
  let value: Promise<T> | null = null;
  item.watch(() => (value = null));
  forgetters.add(() => (value = null));
  return () => {
    value ??= item.getValue();
    value.catch(() => (value = null)); // a failed read is retried next time, not remembered
    return value;
  };
}

/**
 * Forgets every value read so far ("Delete all Footnote data"): the next read asks storage, now,
 * rather than once its change event arrives.
 */
export function forgetCachedValues(): void {
  for (const forget of forgetters) forget();
}
