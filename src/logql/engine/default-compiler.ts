import { WatchpostError } from '../../core/index.js';
import * as pipeline from '../pipeline/index.js';
import { parseExpr } from '../syntax/index.js';
import type { QueryCompiler } from './compiler.js';

type AnyFunction = (...args: never[]) => unknown;

/** A function exported by a sibling layer, looked up by name. */
function exported(module: object, name: string): AnyFunction | undefined {
  const value = (module as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as AnyFunction) : undefined;
}

/** Whether the parser and pipeline compiler are present in this build. */
export function isDefaultCompilerAvailable(): boolean {
  return ['compileLogPipeline', 'compileSampleExtractor', 'leadingLineFilter'].every((n) => exported(pipeline, n) !== undefined);
}

/**
 * The parser (syntax/) and the pipeline compiler (pipeline/) as the engine
 * uses them. TODO(#7): import the pipeline directly once it exports them.
 */
export function createDefaultCompiler(): QueryCompiler {
  const call = (module: object, name: string, ...args: unknown[]): never => {
    const fn = exported(module, name);
    if (fn === undefined) throw new WatchpostError('ERR_INTERNAL', `LogQL ${name} is not available`);
    return (fn as (...a: unknown[]) => never)(...args);
  };
  return {
    parseExpr,
    compileLogPipeline: (expr) => call(pipeline, 'compileLogPipeline', expr),
    compileSampleExtractor: (expr, options) => call(pipeline, 'compileSampleExtractor', expr, options),
    leadingLineFilter: (expr) => call(pipeline, 'leadingLineFilter', expr),
  };
}
