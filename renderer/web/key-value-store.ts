/**
 * A small key–value store in IndexedDB for what the browser keeps between visits: the device's
 * key pair (CryptoKey objects, stored as they are, so the private key never leaves WebCrypto)
 * and the device token the gateway issued. Never localStorage: that holds only strings, which
 * would mean an exportable key, and any script on the origin could read it.
 */
const DB_NAME = 'gatehouse-control-ui';
const STORE = 'keys';

// One connection for the page's lifetime: sign-in reads the key pair and the device token one
// after another, and opening the database for each read cost a round trip each time.
let database: Promise<IDBDatabase> | undefined;

function openDatabase(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading or deleting the database: let it, and open again on the next use.
      db.onversionchange = () => {
        db.close();
        database = undefined;
      };
      db.onclose = () => {
        database = undefined;
      };
      resolve(db);
    };
    request.onerror = () => {
      database = undefined;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return database;
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const keyValueStore = {
  get: (key: string): Promise<unknown> => withStore('readonly', (store) => store.get(key)),
  set: async (key: string, value: unknown): Promise<void> => {
    await withStore('readwrite', (store) => store.put(value, key));
  },
  delete: async (key: string): Promise<void> => {
    await withStore('readwrite', (store) => store.delete(key));
  },
};
