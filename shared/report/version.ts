/**
 * The version of the reader (format readers and parser) that read a report, stored with every report
 * so the office can see which were read by an older one and re-read them from their originals
 * (`npm run reread`, 管理 → 重新读取). Raise it with every change that can alter what is read.
 */
export const READER_VERSION = '2026.12.07';
