export { codes, type ErrorCode } from './codes.js';
export { WatchpostError, isErrorCode, type WatchpostErrorOptions } from './watchpost-error.js';
export { renderErrorsDoc } from './errors-doc.js';
