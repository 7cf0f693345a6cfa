export * from './errors';
export * from './gradering';
export * from './journal-number';
export * from './report.schema';
export * from './assessment.schema';
export * from './user.schema';
export * from './journal.schema';
