/** Time source; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** Identifier source for reports, jobs and sessions. */
export interface IdGenerator {
  newId(): string;
}
