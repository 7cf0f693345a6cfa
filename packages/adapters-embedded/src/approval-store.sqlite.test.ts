import { describeApprovalStoreContract } from '@mottak/test-kit';
import { createSqliteApprovalStore } from './approval-store.sqlite';
import { storesOnOneFile } from './sqlite-test-env';

describeApprovalStoreContract('SQLite', async () => storesOnOneFile('approvals', createSqliteApprovalStore));
