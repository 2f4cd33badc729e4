/*
 * A tiny promise wrapper over one IndexedDB object store (keyPath `id`). Falls back to memory
 * when IndexedDB is not there (some private modes), so the queue still works until reload.
 */

const DB_NAME = 'fuwu-evidence';
const STORE = 'uploads';
const DB_VERSION = 1;

function promisify<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let dbPromise: Promise<IDBDatabase | null> | null = null;

function openDb(): Promise<IDBDatabase | null> {
  dbPromise ??= new Promise<IDBDatabase | null>((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(null);
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return dbPromise;
}

const memory = new Map<string, unknown>();

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  if (!db) throw new Error('no IndexedDB');
  const tx = db.transaction(STORE, mode);
  const result = promisify(run(tx.objectStore(STORE)));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

export async function idbGetAll<T extends { id: string }>(): Promise<T[]> {
  try {
    return await withStore('readonly', (store) => store.getAll() as IDBRequest<T[]>);
  } catch {
    return [...memory.values()] as T[];
  }
}

/** Writes a record; resolves once it is durable (transaction complete). */
export async function idbPut<T extends { id: string }>(value: T): Promise<void> {
  try {
    await withStore('readwrite', (store) => store.put(value));
  } catch {
    memory.set(value.id, value);
  }
}

export async function idbDelete(id: string): Promise<void> {
  memory.delete(id);
  try {
    await withStore('readwrite', (store) => store.delete(id));
  } catch {
    // nothing stored there
  }
}
