export type FormatErrorCode =
  | 'format.empty'
  | 'format.tooLarge'
  | 'format.unsupported'
  | 'format.binary'
  | 'format.encrypted'
  | 'format.corrupt'
  | 'format.scanned'
  | 'format.zipBomb'
  | 'format.timeout'
  | 'format.tooComplex';

/** A file that cannot be read as a report, with the reason in Chinese (UI) and English (logs). */
export class FormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    readonly zh: string,
    en: string,
  ) {
    super(en);
    this.name = 'FormatError';
  }
}
