import { describeCaseStoreContract } from '@mottak/test-kit';
import { openMongoCaseStore } from './case-store.mongo';
import { describeWithMongo, storesOnFreshDatabase } from './mongo-test-env';

describeWithMongo('MongoCaseStore', 'case-store', (mongo) => {
  describeCaseStoreContract('MongoDB', () => storesOnFreshDatabase(mongo, (connection) => openMongoCaseStore(connection)));
});
