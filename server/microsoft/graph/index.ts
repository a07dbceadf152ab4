// The public surface of Quorum's Graph client.

export { GraphClient } from './client.js';
export type { GraphRequest, GraphResponse, HttpMethod, QueryValue, RequestInit } from './client.js';
export type { GraphClientOptions, GraphFetch, TokenProvider } from './options.js';
export { GraphError, isTransientStatus } from './errors.js';
export { collect, type GraphPage } from './paging.js';
export {
  MAX_BATCH_SIZE,
  type BatchItem,
  type BatchItemResult,
  type BatchOptions,
} from './batch.js';
export { systemClock, type Clock, type Random } from './clock.js';
export { defaultRetryOptions, type RetryOptions } from './retry-policy.js';
export { mailboxOf, OUTLOOK_MAILBOX_CONCURRENCY } from './mailbox-limiter.js';
