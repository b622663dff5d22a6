import type { WxtStorageItem } from '@wxt-dev/storage';

/**
 * A storage item's value, read once and then kept until the item changes: the background reads
 * settings on every hover, and a storage round trip per read would show in the card's latency.
 */
export function cachedValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): () => Promise<T> {
  let value: Promise<T> | null = null;
  item.watch(() => (value = null));
  return () => {
    value ??= item.getValue();
    value.catch(() => (value = null)); // a failed read is retried next time, not remembered
    return value;
  };
}
