// Public surface of src/logql/pipeline: the LogQL line pipeline (Loki's pkg/logql/log).
export { compileGoRegex, translateGoRegex, goRegexError, type GoRegex, type GoRegexOptions, type TranslatedRegex } from './regex.js';
export { goReplaceAll, countGoMatches, expandGoTemplate, forEachGoMatch } from './regex-replace.js';
export { compileMatcher, compileSelectorMatchers, matcherMatchesEmpty, type ValueMatcher } from './matcher.js';
export { compileLogPipeline, leadingLineFilter, reorderStages } from './compile.js';
export { compileSampleExtractor, utf8Length, type SampleExtractorOptions } from './sample-extractor.js';
export { compileLineFilter, type LinePredicate } from './line-filter.js';
export { compileIpMatcher, parseIpAddr, type IpMatcher } from './ip.js';
export { compilePatternExtractor, compilePatternLineFilter, type PatternExtractor } from './pattern.js';
export { scanLogfmt } from './logfmt.js';
export { parseJsonPath, extractJsonPath, type JsonPathPart } from './json-expr.js';
export { sanitizeLabelKey, isValidLabelName } from './sanitize.js';
export { pipelineErrors } from './errors.js';
export { errorLabel, errorDetailsLabel } from './labels-builder.js';
export { createLogqlTemplateFuncs, type TemplateLineContext } from './template-functions.js';
