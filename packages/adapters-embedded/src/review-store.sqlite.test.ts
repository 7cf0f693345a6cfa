import { describeReviewStoreContract } from '@mottak/test-kit';
import { createSqliteReviewStore } from './review-store.sqlite';
import { storesOnOneFile } from './sqlite-test-env';

describeReviewStoreContract('SQLite', async () => storesOnOneFile('reviews', createSqliteReviewStore));
