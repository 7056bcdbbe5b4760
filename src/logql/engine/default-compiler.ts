import { compileLogPipeline, compileSampleExtractor, leadingLineFilter } from '../pipeline/index.js';
import { parseExpr } from '../syntax/index.js';
import type { QueryCompiler } from './compiler.js';

/** The parser (syntax/) and the pipeline compiler (pipeline/) as the engine uses them. */
export function createDefaultCompiler(): QueryCompiler {
  return { parseExpr, compileLogPipeline, compileSampleExtractor, leadingLineFilter };
}
