/** The tablet's IndexedDB database; its own module so start-up can look for it without loading Dexie. */
export const DB_NAME = 'recall';
