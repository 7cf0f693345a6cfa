import { describeSavedSearchStoreContract } from '@mottak/test-kit';
import { describeWithMongo, storesOnFreshDatabase } from './mongo-test-env';
import { openMongoSavedSearchStore } from './saved-search-store.mongo';

describeWithMongo('MongoSavedSearchStore', 'saved-search-store', (mongo) => {
  describeSavedSearchStoreContract('MongoDB', () => storesOnFreshDatabase(mongo, (connection) => openMongoSavedSearchStore(connection)));
});
