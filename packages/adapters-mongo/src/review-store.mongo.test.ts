import { describeReviewStoreContract } from '@mottak/test-kit';
import { describeWithMongo, storesOnFreshDatabase } from './mongo-test-env';
import { openMongoReviewStore } from './review-store.mongo';

describeWithMongo('MongoReviewStore', 'review-store', (mongo) => {
  describeReviewStoreContract('MongoDB', () => storesOnFreshDatabase(mongo, (connection) => openMongoReviewStore(connection)));
});
