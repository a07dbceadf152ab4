// The store's public surface: the `Store` contract, its lowdb implementation, errors and key rotation.
export type {
  AuditEntry,
  AuditInput,
  AuditPage,
  ListAuditOptions,
  Store,
  StoreStats,
  StoredRecord,
} from './store.js';
export { openLowdbStore, DEFAULT_MEMBER_SHARDS, type LowdbStoreOptions } from './lowdb-store.js';
export * from './errors.js';
export { Keyring, parseSecretKey, kidForKey, type KeyringOptions } from './keyring.js';
export { rotateKeys, type RotateKeysOptions, type RotateKeysResult } from './rotate-keys.js';
export { toStoredValue } from './json-value.js';
