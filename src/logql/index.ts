export type * from './syntax/ast.js';
export { isLogSelectorExpr } from './syntax/ast.js';
export type * from './engine/querier.js';
export type * from './engine/types.js';
export type * from './pipeline/types.js';
export * from './syntax/index.js';
export * from './pipeline/index.js';
export * from './engine/index.js';
