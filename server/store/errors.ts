// Store error family: each class carries a stable `code` that the HTTP error registry maps to a problem.

export type StoreErrorCode =
  | 'ERR_STORE_CORRUPT'
  | 'ERR_STORE_WRITE'
  | 'ERR_STORE_LOCKED'
  | 'ERR_STORE_CLOSED'
  | 'ERR_STORE_INVALID_ID'
  | 'ERR_STORE_INVALID_CURSOR'
  | 'ERR_STORE_TENANT_TAKEN'
  | 'ERR_SECRET_KEY_UNKNOWN'
  | 'ERR_SECRET_TAMPERED'
  | 'ERR_SECRET_KEY_INVALID'
  | 'ERR_KEYRING_INVALID';

/** Base of every error the store throws on purpose; misuse of the API throws `TypeError` instead. */
export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A data file exists but is not the JSON the store wrote (edited by hand, disk damage). */
export class StoreCorruptError extends StoreError {
  readonly code = 'ERR_STORE_CORRUPT';
  constructor(
    readonly file: string,
    cause?: unknown,
  ) {
    super(`store file ${file} is not valid JSON`, { cause });
  }
}

/** Writing a data file failed; the in-memory state is kept and the write is retried. */
export class StoreWriteError extends StoreError {
  readonly code = 'ERR_STORE_WRITE';
  constructor(
    readonly file: string,
    cause?: unknown,
  ) {
    super(`could not write store file ${file}`, { cause });
  }
}

/** Another live process holds the data directory. */
export class StoreLockedError extends StoreError {
  readonly code = 'ERR_STORE_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by process ${pid}`);
  }
}

export class StoreClosedError extends StoreError {
  readonly code = 'ERR_STORE_CLOSED';
  constructor() {
    super('the store is closed');
  }
}

/** An org id (or another id used in a file path) is not a safe path segment. */
export class StoreInvalidIdError extends StoreError {
  readonly code = 'ERR_STORE_INVALID_ID';
  constructor(
    readonly kind: string,
    readonly value: string,
  ) {
    super(`invalid ${kind} ${JSON.stringify(value.slice(0, 80))}`);
  }
}

export class StoreInvalidCursorError extends StoreError {
  readonly code = 'ERR_STORE_INVALID_CURSOR';
  constructor(readonly cursor: string) {
    super(`invalid audit cursor ${JSON.stringify(cursor.slice(0, 80))}`);
  }
}

/** A tenant belongs to exactly one org; linking it to a second one is refused. */
export class TenantTakenError extends StoreError {
  readonly code = 'ERR_STORE_TENANT_TAKEN';
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} is already connected to another organization`);
  }
}

/** A ciphertext names a key id that is not in the keyring (retired, or the wrong keyring). */
export class SecretKeyUnknownError extends StoreError {
  readonly code = 'ERR_SECRET_KEY_UNKNOWN';
  constructor(readonly kid: string) {
    super(`secret is encrypted with key ${kid}, which is not in the keyring`);
  }
}

/** Authentication of a ciphertext failed: it was altered, moved to another name, or is malformed. */
export class SecretTamperedError extends StoreError {
  readonly code = 'ERR_SECRET_TAMPERED';
  constructor(
    readonly secretName: string,
    cause?: unknown,
  ) {
    super(`secret ${secretName} failed authentication`, { cause });
  }
}

/** The single key given in configuration is not 32 bytes of base64. */
export class SecretKeyInvalidError extends StoreError {
  readonly code = 'ERR_SECRET_KEY_INVALID';
  constructor(readonly variable: string) {
    super(`${variable} must be 32 bytes, base64`);
  }
}

/** The keyring file cannot be used; the message names the file and the reason. */
export class KeyringInvalidError extends StoreError {
  readonly code = 'ERR_KEYRING_INVALID';
  constructor(
    readonly file: string,
    reason: string,
    cause?: unknown,
  ) {
    super(`keyring file ${file}: ${reason}`, { cause });
  }
}
