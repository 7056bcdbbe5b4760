// Go and Prometheus value formats shared by LogQL, the pipeline and the shipper.
export { type ParseResult } from './parse-result.js';
export {
  NS_PER_MS,
  NS_PER_SECOND,
  parsePromDuration,
  parseGoDuration,
  parseLogqlDuration,
  formatPromDuration,
  formatGoDuration,
} from './duration.js';
export { parseBytes } from './bytes.js';
export { quoteGoTime } from './go-quote.js';
export { parseGoFloat, formatGoFloat, formatGoFloatFixed, formatGoFloatPrecision6 } from './float.js';
export { formatGoTime, compileGoLayout, goNamedLayouts, type GoLayout } from './time-layout.js';
