// Public surface of src/logql/pipeline: the LogQL line pipeline (Loki's pkg/logql/log).
export { compileGoRegex, translateGoRegex, goRegexError, type GoRegex, type GoRegexOptions, type TranslatedRegex } from './regex.js';
export { compileMatcher, compileSelectorMatchers, matcherMatchesEmpty, type ValueMatcher } from './matcher.js';
