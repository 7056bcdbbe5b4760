import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Labels } from '../../core/index.js';
import { pipelineErrors } from './errors.js';
import { createJsonStage, readJsonValue } from './json-parser.js';
import { eachObjectMember, JsonScanError, unescapeJsonString } from './json-scan.js';
import { LabelsBuilder } from './labels-builder.js';
import { shouldExtract, shouldExtractPrefix, type ParserHints } from './parser-hints.js';
import { sanitizeLabelKey } from './sanitize.js';
import { createSeededRandom } from '../../../test/support/seeded-random.js';

/**
 * The json stage against a reference: Loki's parseObject written the plain
 * way, on jsonparser.ObjectEach (eachObjectMember), which finds every value's
 * extent before the callback sees it. The stage walks each line once with
 * parser hints, keys recognised in place and nested objects walked before
 * their extent is known; none of that may change a label or an error.
 */

const stream: Labels = { job: 'osquery', host: 'host-3', name: 'pack_incident-response_last' };

function hintsOf(...required: string[]): ParserHints {
  return { noLabels: false, required: new Set(required), requiredList: required };
}

const hintSets: { name: string; hints: ParserHints | undefined }[] = [
  { name: 'no hints', hints: undefined },
  { name: 'columns_type, columns_username', hints: hintsOf('columns_type', 'columns_username') },
  { name: 'columns_type', hints: hintsOf('columns_type') },
  { name: 'stream-label collisions', hints: hintsOf('name_extracted', 'name', 'host_extracted', 'host') },
  { name: 'scalars and a prefix that is also a key', hints: hintsOf('columns', 'columns_host', 'action', 'epoch', 'numerics', 'counter', 'columns_x_type') },
];

/** What the reference walk did besides setting labels: the nested objects it visited. */
interface ReferenceRun {
  readonly visited: string[];
}

function referenceJson(line: string, lbs: LabelsBuilder, hints: ParserHints | undefined): ReferenceRun {
  const visited: string[] = [];
  const visitor =
    (prefix: string) =>
    (ks: number, ke: number, vs: number, type: string, ve: number): void => {
      if (type === 'null' || type === 'array') return;
      const raw = line.slice(ks + 1, ke - 1);
      const key = raw.includes('\\') ? (unescapeJsonString(line, ks, ke) ?? raw) : raw;
      const part = sanitizeLabelKey(key, true);
      const name = prefix === '' ? part : `${prefix}_${part}`;
      if (type === 'object') {
        if (hints !== undefined && !shouldExtractPrefix(hints, name)) return;
        visited.push(name);
        eachObjectMember(line, vs, visitor(name));
        return;
      }
      if (name === '') return;
      if (hints !== undefined && !shouldExtract(hints, lbs.baseHas(name) ? `${name}_extracted` : name)) return;
      lbs.setParsed(name, readJsonValue(line, vs, ve, type as 'string'), 0);
    };
  try {
    eachObjectMember(line, 0, visitor(''));
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    lbs.setErr(pipelineErrors.json, e.message);
  }
  return { visited };
}

/** The stage's and the reference's labels for `line` (one stage per hint set, reused across lines as in a stream). */
function compare(line: string, hints: ParserHints | undefined, stage = createJsonStage(0, hints), lbs = new LabelsBuilder(stream)): { got: Labels; want: Labels; run: ReferenceRun } {
  lbs.reset(undefined);
  stage.process(1n, line, lbs);
  const got = lbs.labels();
  const ref = new LabelsBuilder(stream);
  ref.reset(undefined);
  const run = referenceJson(line, ref, hints);
  return { got, want: ref.labels(), run };
}

const trickyLines = [
  // the osquery shape
  '{"name":"pack_incident-response_last","hostIdentifier":"host-3","calendarTime":"Thu Dec  3 20:18:00 2026 UTC","unixTime":1796313480,"epoch":0,"counter":123,"numerics":false,"columns":{"host":"10.0.2.2","pid":"1234","time":"1796310000","tty":"pts/1","type":"7","username":"alice"},"action":"added"}',
  // escaped keys and values
  '{"columns":{"t\\u0079pe":"7","user\\u006eame":"b\\"o\\\\b"}}',
  '{"col\\u0075mns":{"type":"7"},"columns":{"username":"\\u00e9\\ud83d\\ude00\\ud800x\\udc00"}}',
  '{"columns":{"type":"\\x7","username":"a\\qb"}}',
  '{"columns\\"":{"type":"7"},"a\\\\":1}',
  // keys naming a wanted prefix whose value is no object
  '{"columns":"7","columns_type":"8"}',
  '{"columns":7,"columns":null,"columns":true,"columns":["a",{"type":"7"}]}',
  '{"columns":["not","an","object"],"columns_type":"7"}',
  // duplicate keys
  '{"columns":{"type":"7"},"columns":{"type":"8","username":"x"}}',
  '{"columns":{"type":"7","type":"9","username":"a","username":"b"}}',
  '{"columns_type":"1","columns":{"type":"2"},"columns_type":"3"}',
  // keys that sanitise to wanted names
  '{"columns type":"7","columns-username":"u"}',
  '{" columns ":{"type":"7"},"colümns":{"type":"8"},"1columns":{"type":"9"}}',
  '{"":{"columns_type":"7"},"columns":{"":"x","type":"7"}}',
  '{"columns":{"x":{"type":"7"}},"name":"n","host":"h"}',
  '{"__error__":"x","__error_details__":"y","columns":{"type":"7"}}',
  '{"__error__":"x","columns":{"type":"7"},"z":',
  // malformed tails after the wanted members
  '{"name":"x","columns":{"type":"7","username":"u","pid":"1"},"z":',
  '{"columns":{"type":"7","username":"u"},"action":added}',
  '{"columns":{"type":"7","username":"u"},"action":"added"',
  '{"columns":{"type":"7","username":"u"},"action":"added"}}',
  '{"columns":{"type":"7","username":"u"},"action":"added",}',
  '{"columns":{"type":"7","username":"u"}"action":"added"}',
  '{"columns":{"type":"7","username":"u"},"action":"add',
  '{"columns":{"type":"7","username":"u"},"n":tru}',
  '{"columns":{"type":"7","username":"u"},"n":nul}',
  '{"columns":{"type":"7","username":"u"},"n":-}',
  '{"columns":{"type":"7","username":"u"},"n":+1}',
  '{"columns":{"type":"7","username":"u"},"n":falsey}',
  // malformed inside the wanted object
  '{"columns":{"type":"7","username":"carol"',
  '{"columns":{"type":"7","username":"carol"}',
  '{"columns":{"type":"7" "username":"carol"}}',
  '{"columns":{"type":"7","username"}}',
  '{"columns":{"type":"7","username":}}',
  '{"columns":{"type":"7",username:"u"}}',
  '{"columns":{"type":"7","username":"u",}}',
  '{"columns":{"type":"7","username":"u}}',
  '{"columns":{"type":"7","username":"u"',
  '{"columns":{"type":"7","a":"}","username":"u"}',
  '{"columns":{"type":"7","a":"{","username":"u"}',
  // where a one-pass walk and blockEnd disagree on the extent
  '{"columns":{"a":[}],"type":"7"},"username":"u"}',
  '{"columns":{"a":[{],"type":"7"},"username":"u"}',
  '{"columns":{"a":[{"b":"}"}],"type":"7"},"x":1}',
  '{"columns":{"pid":1{2,"type":"7"},"x":1}',
  '{"columns":{"pid":1{2,"type":"7"},"x":1}}',
  '{"columns":{"pid":1"x","type":"7"},"x":1}',
  '{"columns":{"pid":1"x}","type":"7"},"x":1}',
  '{"columns":{"pid":1}2,"type":"7"},"x":1}',
  '{"columns":{"pid":1[2,"type":"7"},"x":1}',
  '{"columns":{"x":{"type":"7","a":[}]},"type":"8"}}',
  '{"columns":{"x":{"type":"7"},"a":[}]},"type":"8"}}',
  '{"columns":{"type":"7","username":"u","a":[1,2]}}',
  // whitespace
  ' { "columns" : { "type" : "7" , "username" : "u" } , "n" : 1 } ',
  '{\t"columns":\n{\r"type":"7"\t}\n}\n',
  '{ }',
  '{}',
  '{',
  '}',
  '',
  '   ',
  '[1,2]',
  'not json at all',
  '{"a"',
  '{"a":',
  '{"a" :',
  '{"a":1',
  '{"a":1,',
  '{"a":1, ',
  '{"a":"b"',
  '{"a":{',
  '{"a":[',
  // nested arrays holding strings with braces
  '{"arr":[{"a":"}"},"]",[1,{"b":"{"}]],"columns":{"type":"7"}}',
  '{"arr":["[",["]"]],"columns":{"type":"7"},"x":["}"]}',
  '{"arr":[1,2,"x"}',
  // unicode, invalid UTF-8 stand-ins, long strings
  '{"columns":{"type":"7","username":"\u00e9\uFFFD\ud83d\ude00"},"msg":"' + 'x'.repeat(300) + '"}',
  '{"columns":{"type":"' + 'long\\"'.repeat(20) + '","username":"u"}}',
  '{"k":"a\\\\","columns":{"type":"7"}}',
  '{"k":"a\\\\\\"b","columns":{"type":"7"}}',
];

for (const { name, hints } of hintSets) {
  test(`json stage matches the reference on tricky lines (${name})`, () => {
    const stage = createJsonStage(0, hints);
    const lbs = new LabelsBuilder(stream);
    for (const line of trickyLines) {
      const { got, want } = compare(line, hints, stage, lbs);
      assert.deepEqual(got, want, line);
    }
  });
}


const users = ['vagrant', 'root', 'alice', 'bob', 'carol', 'dave'];
function osqueryLine(r: () => number, counter: number): string {
  return JSON.stringify({
    name: 'pack_incident-response_last',
    hostIdentifier: 'host-3',
    calendarTime: 'Thu Dec  3 20:18:00 2026 UTC',
    unixTime: 1796313480 + counter,
    epoch: 0,
    counter,
    numerics: false,
    columns: { host: '10.0.2.2', pid: String(300 + counter), time: '1796310000', tty: 'pts/1', type: r() < 0.6 ? '7' : '8', username: users[Math.floor(r() * users.length)] },
    action: r() < 0.8 ? 'added' : 'removed',
  });
}

/** Edits that make JSON tricky: structure characters, escapes, spaces, literals, non-ASCII. */
const pieces = ['{', '}', '[', ']', '"', '\\', ',', ':', ' ', '\t', '0', '-', 'a', 't', 'n', 'f', 'true', 'null', '\\"', '\\\\', '\\u0074', '\\ud83d', '\u00e9', '\uFFFD', '{}', '[]', '""', '"x":1,', '"columns":', '{"type":"7"}', '"type":"9",'];

function mutate(r: () => number, line: string): string {
  let s = line;
  const edits = 1 + Math.floor(r() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 3));
    else if (op < 0.6) s = s.slice(0, at) + (pieces[Math.floor(r() * pieces.length)] as string) + s.slice(at);
    else if (op < 0.8) s = s.slice(0, at) + (pieces[Math.floor(r() * pieces.length)] as string) + s.slice(at + 1);
    else if (op < 0.9) s = s.slice(0, at);
    else {
      // duplicate a stretch (duplicate keys, repeated structure)
      const len = Math.floor(r() * 40);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
  }
  return s;
}

test('json stage matches the reference on mutated osquery lines, with and without hints', () => {
  const r = createSeededRandom(20261204);
  const stages = hintSets.map(({ hints }) => ({ hints, stage: createJsonStage(0, hints), lbs: new LabelsBuilder(stream) }));
  let errors = 0;
  for (let k = 0; k < 4000; k++) {
    const line = mutate(r, osqueryLine(r, k));
    for (const { hints, stage, lbs } of stages) {
      const { got, want } = compare(line, hints, stage, lbs);
      assert.deepEqual(got, want, line);
      if (want.__error__ !== undefined) errors++;
    }
  }
  // Most mutations break the JSON: the error paths were exercised, not only the clean one.
  assert.ok(errors > 4000, `only ${errors} erroneous results`);
});

/**
 * Hints invisible: on the same line, the hinted stage gives the wanted labels
 * and the error (details included) of the full stage, except where the full
 * stage errs inside a nested object the hints skip unvisited (Loki's hints
 * skip such objects the same way).
 */
test('hinted and full json agree on the wanted labels and the error (mutated osquery lines)', () => {
  const r = createSeededRandom(7);
  const hints = hintsOf('columns_type', 'columns_username');
  const hinted = { stage: createJsonStage(0, hints), lbs: new LabelsBuilder(stream) };
  const full = { stage: createJsonStage(0, undefined), lbs: new LabelsBuilder(stream) };
  let compared = 0;
  for (let k = 0; k < 4000; k++) {
    const line = mutate(r, osqueryLine(r, k));
    const f = compare(line, undefined, full.stage, full.lbs);
    if (f.run.visited.some((name) => !shouldExtractPrefix(hints, name))) continue;
    const h = compare(line, hints, hinted.stage, hinted.lbs);
    for (const name of ['columns_type', 'columns_username', '__error__', '__error_details__']) assert.equal(h.got[name], f.got[name], `${name} of ${line}`);
    compared++;
  }
  assert.ok(compared > 3000, `only ${compared} lines compared`);
});
