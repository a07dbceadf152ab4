// What an error code means on the wire; every registry part below is checked against it.

/** What a code means on the wire. `description` is the sentence docs/api-errors.md shows. */
export interface ErrorSpec {
  readonly status: number;
  readonly title: string;
  readonly description: string;
}
