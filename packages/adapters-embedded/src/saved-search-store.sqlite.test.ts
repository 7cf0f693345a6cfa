import { describeSavedSearchStoreContract } from '@mottak/test-kit';
import { createSqliteSavedSearchStore } from './saved-search-store.sqlite';
import { storesOnOneFile } from './sqlite-test-env';

describeSavedSearchStoreContract('SQLite', async () => storesOnOneFile('saved-searches', createSqliteSavedSearchStore));
