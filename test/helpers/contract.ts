/** The top-level fields of a parsed report, as docs/report-json.md lists them (written by hand). */
export const CONTRACT_FIELDS = [
  'source',
  'org',
  'year',
  'publishedOn',
  'template',
  'proactive',
  'article20',
  'applications',
  'reviewLitigation',
  'sections',
  'provenance',
  'findings',
];
