import {
  storage,
  type StorageItemKey,
  type WxtStorageItem,
  type WxtStorageItemOptions,
} from '@wxt-dev/storage';

/**
 * A storage item that also says which version its value is stored at and whether it migrates
 * older values: what an upgrade must get right, readable without parsing the definition.
 */
export type StoredItem<T> = WxtStorageItem<T, Record<string, unknown>> & {
  readonly version: number;
  readonly migrates: boolean;
};

/** storage.defineItem with a required version, kept on the item. */
export function defineStoredItem<T>(
  key: StorageItemKey,
  options: WxtStorageItemOptions<T> & { fallback: T; version: number },
): StoredItem<T> {
  const item = storage.defineItem<T, Record<string, unknown>>(key, options);
  return Object.assign(item, { version: options.version, migrates: options.migrations !== undefined });
}
