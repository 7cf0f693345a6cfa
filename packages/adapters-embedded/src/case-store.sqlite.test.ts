import { describeCaseStoreContract } from '@mottak/test-kit';
import { createSqliteCaseStore } from './case-store.sqlite';
import { storesOnOneFile } from './sqlite-test-env';

describeCaseStoreContract('SQLite', async () => storesOnOneFile('cases', createSqliteCaseStore));
