// Bounds a host call: teams-js and Office.js wait forever for a parent frame that may not exist.
import { HostTimeoutError } from './host-adapter.js';

/** Resolves or rejects like `promise`, or rejects with HostTimeoutError after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new HostTimeoutError(operation, ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
