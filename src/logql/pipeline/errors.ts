/** The `__error__` values pipeline stages set (Loki `pkg/logql/log/error.go`). */
export const pipelineErrors = {
  json: 'JSONParserErr',
  logfmt: 'LogfmtParserErr',
  labelFilter: 'LabelFilterErr',
  sampleExtraction: 'SampleExtractionErr',
  templateFormat: 'TemplateFormatErr',
} as const;
