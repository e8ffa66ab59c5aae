/** The device's storage quota is used up; the write that hit it was rolled back as a whole. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** IndexedDB reports a full device as a QuotaExceededError DOMException; callers see one error type. */
export function asStorageFull(error: unknown): unknown {
  return error instanceof DOMException && error.name === 'QuotaExceededError'
    ? new StorageFullError(error.message)
    : error;
}
