// Every schema area, one export line each (drizzle-kit reads this file).
export * from './users';
export * from './auth';
export * from './audit';
export * from './review';
export * from './saved-views';
export * from './idempotency';
export * from './reason-codes';
export * from './analysis';
export * from './work-order-index';
export * from './work-order-task-index';
export * from './snapshots';
export * from './overview-rollups';
export * from './upstream-check';
export * from './webhooks';
export * from './spot-checks';
export * from './doubt';
export * from './teams';
