/** Ports more than one area's services depend on. */

/** A page from a store: its items and, when there is more, an opaque continuation. */
export interface Page<T> {
  items: T[];
  /** Opaque continuation from the store, if there is more. */
  next?: string;
}

/** A store's answer to a create whose name exists, carrying the owner so the service can say who. */
export class NameTakenError extends Error {
  constructor(readonly owner: string) {
    super(`name is taken by tenant ${owner}`);
  }
}

export interface Clock {
  now(): Date;
}
