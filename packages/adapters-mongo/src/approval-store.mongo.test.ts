import { describeApprovalStoreContract } from '@mottak/test-kit';
import { openMongoApprovalStore } from './approval-store.mongo';
import { describeWithMongo, storesOnFreshDatabase } from './mongo-test-env';

describeWithMongo('MongoApprovalStore', 'approval-store', (mongo) => {
  describeApprovalStoreContract('MongoDB', () => storesOnFreshDatabase(mongo, (connection) => openMongoApprovalStore(connection)));
});
