import { beforeEach, describe, expect, it, vi } from 'vitest';
import { footnoteStore } from './idb-databases';

/** A connection as idb-keyval's store hands it over (through its object store's transaction). */
interface FakeConnection {
  name: string;
  onversionchange: (() => void) | null;
  close: ReturnType<typeof vi.fn>;
}

const idb = vi.hoisted(() => ({ connections: [] as FakeConnection[] }));

// Each idb-keyval store opens one connection on first use and keeps it, as the real one does.
vi.mock('idb-keyval', () => ({
  createStore: (database: string) => {
    let connection: FakeConnection | undefined;
    return (_mode: string, callback: (store: unknown) => unknown) => {
      if (!connection) {
        connection = { name: database, onversionchange: null, close: vi.fn() };
        idb.connections.push(connection);
      }
      return Promise.resolve(callback({ transaction: { db: connection } }));
    };
  },
}));

beforeEach(() => {
  idb.connections = [];
});

describe('footnoteStore', () => {
  it('keeps one connection while nothing asks to delete its database', async () => {
    const store = footnoteStore('footnote-notes', 'notes');
    await store('readonly', () => null);
    await store('readwrite', () => null);
    expect(idb.connections).toHaveLength(1);
    expect(idb.connections[0]!.close).not.toHaveBeenCalled();
  });

  it('closes its connection when a deletion asks, and opens a new one on its next use', async () => {
    const store = footnoteStore('footnote-secrets', 'secrets');
    await store('readonly', () => null);
    const [first] = idb.connections;
    first!.onversionchange!();
    expect(first!.close).toHaveBeenCalledOnce();

    const answer = await store('readonly', (objectStore) => objectStore);
    expect(idb.connections).toHaveLength(2);
    expect(answer).toEqual({ transaction: { db: idb.connections[1] } });
    expect(idb.connections[1]!.close).not.toHaveBeenCalled();
  });
});
