export { formatLabels, sortLabels, quoteGoString, type Labels } from './labels.js';
