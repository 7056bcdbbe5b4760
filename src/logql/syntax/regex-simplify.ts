/**
 * Whether Loki turns a `label=~"regex"` filter into literal filters (its
 * RegexSimplifier, `pkg/logql/log/filter.go`) rather than keeping a regexp.
 * It only matters for the canonical text: Loki prints the regexp form with
 * backticks (`msg=~\`\w.*\``) and the simplified forms as a plain matcher.
 * The decision runs on regex-tree.ts's model of Go's parsed, simplified tree.
 */
import { buildRegexTree, type RegexNode } from './regex-tree.js';

type ConcatNode = Extract<RegexNode, { op: 'concat' | 'alternate' }>;

/** util.ClearCapture: one level of capture removed. */
function clearCapture(node: RegexNode): RegexNode {
  return node.op === 'capture' ? node.sub : node;
}

function isDotStar(node: RegexNode): boolean {
  return node.op === 'star' && node.sub.op === 'anyNotNL';
}

/** RegexSimplifier.Simplify. */
function simplifies(node: RegexNode): boolean {
  switch (node.op) {
    case 'alternate':
      return node.subs.every((sub) => simplifies(clearCapture(sub)));
    case 'concat':
      return simplifiesConcat(node, false, false);
    case 'capture':
      return simplifies(node.sub);
    case 'literal':
    case 'empty':
      return true;
    case 'star':
    case 'plus':
      return node.sub.op === 'anyNotNL';
    default:
      return false;
  }
}

/** simplifyConcat: at most 3 parts, one literal, `.*`s, and alternations after the literal. */
function simplifiesConcat(node: ConcatNode, hasBase: boolean, baseFold: boolean): boolean {
  const subs = node.subs.map(clearCapture).filter((sub) => sub.op !== 'empty');
  if (subs.length > 3) return false;
  let literals = 0;
  let base = hasBase;
  let fold = baseFold;
  let alternates = false;
  for (const sub of subs) {
    if (sub.op === 'literal') {
      if (literals !== 0) return false;
      literals++;
      base = true;
      fold = sub.fold;
      continue;
    }
    if (sub.op === 'alternate' && base) {
      if (!simplifiesConcatAlternate(sub, fold)) return false;
      alternates = true;
      continue;
    }
    if (isDotStar(sub)) continue;
    return false;
  }
  return alternates || base;
}

/** simplifyConcatAlternate: each branch empty, a literal, `.*`, or a concatenation that simplifies. */
function simplifiesConcatAlternate(node: ConcatNode, baseFold: boolean): boolean {
  for (const alt of node.subs) {
    if (!baseFold && alt.op === 'literal' && alt.fold) return false;
    switch (alt.op) {
      case 'empty':
      case 'literal':
        continue;
      case 'concat':
        if (!simplifiesConcat(alt, true, baseFold)) return false;
        continue;
      case 'star':
        if (alt.sub.op !== 'anyNotNL') return false;
        continue;
      default:
        return false;
    }
  }
  return node.subs.length > 0;
}

/** True when Loki's RegexSimplifier replaces the regex (printed as a plain matcher). */
export function isSimplifiableRegex(regex: string): boolean {
  return simplifies(buildRegexTree(regex));
}
