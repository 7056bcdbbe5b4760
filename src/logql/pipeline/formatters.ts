import { WatchpostError } from '../../core/index.js';
import { GoMapView, parseGoTemplate, TemplateExecError, TemplateParseError, type GoTemplate } from '../../core/gotemplate/index.js';
import type { LabelFormatOp } from '../syntax/ast.js';
import { pipelineErrors } from './errors.js';
import { errorLabel, type LabelsBuilder } from './labels-builder.js';
import type { StageFactory } from './stage.js';
import { createLogqlTemplateFuncs, type TemplateLineContext } from './template-functions.js';

function compileTemplate(name: string, text: string, ctx: TemplateLineContext, wrap: (msg: string) => string): GoTemplate {
  try {
    return parseGoTemplate(name, text, { funcs: createLogqlTemplateFuncs(ctx), missingKey: 'zero' });
  } catch (e) {
    if (e instanceof TemplateParseError) throw new WatchpostError('ERR_LOGQL_PARSE', wrap(e.message), { cause: e });
    throw e;
  }
}

/**
 * `| line_format "<template>"` (logql.md §8.1): the template sees every
 * current label by name plus `__line__`/`__timestamp__`; an execution error
 * keeps the line and sets `TemplateFormatErr`. Parse errors throw
 * ERR_LOGQL_PARSE with Loki's text (`invalid line template: template: line:1: …`).
 */
export function createLineFormatStageFactory(text: string): StageFactory {
  const ctx: TemplateLineContext = { line: '', tsNs: 0n };
  const tmpl = compileTemplate('line', text, ctx, (m) => `invalid line template: ${m}`);
  const simpleKey = /^\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(text)?.[1];
  // The template reads the line's labels through a view: no label object per line.
  let current: LabelsBuilder | undefined;
  const data = new GoMapView(
    (key) => current?.get(key),
    () => current?.names() ?? [],
  );
  const stage = {
    process(tsNs: bigint, line: string, lbs: LabelsBuilder): string {
      if (simpleKey !== undefined) return lbs.get(simpleKey) ?? '';
      ctx.line = line;
      ctx.tsNs = tsNs;
      current = lbs;
      try {
        return tmpl.execute(data);
      } catch (e) {
        if (!(e instanceof TemplateExecError)) throw e;
        lbs.setErr(pipelineErrors.templateFormat, e.message);
        return line;
      }
    },
  };
  return () => stage;
}

/**
 * `| label_format dst=src, dst="<template>"` (logql.md §8.2): renames move a
 * value (no-op when src is missing); templates all see the labels as they
 * were when the stage's first template ran.
 */
export function createLabelFormatStageFactory(ops: readonly LabelFormatOp[]): StageFactory {
  const seen = new Set<string>();
  for (const op of ops) {
    if (op.name === errorLabel) throw new WatchpostError('ERR_LOGQL_PARSE', `${errorLabel} cannot be formatted`);
    if (seen.has(op.name)) throw new WatchpostError('ERR_LOGQL_PARSE', `multiple label name '${op.name}' not allowed in a single format operation`);
    seen.add(op.name);
  }
  const ctx: TemplateLineContext = { line: '', tsNs: 0n };
  const compiled = ops.map((op) => ({
    name: op.name,
    rename: op.rename,
    tmpl:
      op.template === undefined
        ? undefined
        : compileTemplate('label', op.template, ctx, (m) => `invalid template for label '${op.name}': ${m}`),
  }));
  const stage = {
    process(tsNs: bigint, line: string, lbs: LabelsBuilder): string {
      ctx.line = line;
      ctx.tsNs = tsNs;
      // All templates of the stage see the labels as they were before its first template.
      let data: GoMapView | undefined;
      for (const f of compiled) {
        if (f.tmpl === undefined) {
          const src = f.rename ?? '';
          const v = lbs.get(src);
          if (v !== undefined) {
            lbs.set(f.name, v);
            lbs.delete(src);
          }
          continue;
        }
        data ??= pairsView(lbs.sortedPairs());
        try {
          lbs.set(f.name, f.tmpl.execute(data));
        } catch (e) {
          if (!(e instanceof TemplateExecError)) throw e;
          lbs.setErr(pipelineErrors.templateFormat, e.message);
        }
      }
      return line;
    },
  };
  return () => stage;
}

/** A map view over sorted `[name, value, …]` pairs. */
function pairsView(pairs: readonly string[]): GoMapView {
  return new GoMapView(
    (key) => {
      for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return pairs[i + 1];
      return undefined;
    },
    () => pairs.filter((_, i) => i % 2 === 0),
  );
}
