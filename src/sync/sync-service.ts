import { createApiClient } from '../api/client';
import { db, getMeta } from '../db/db';
import { createSyncEngine } from './sync-engine';

/** The app's one API client and sync engine, bound to the app's database. */
export const api = createApiClient({ getToken: async () => (await getMeta('session'))?.token ?? null });
export const syncEngine = createSyncEngine(db, api);
