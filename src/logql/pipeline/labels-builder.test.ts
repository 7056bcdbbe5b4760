import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelsBuilder, formatPairs } from './labels-builder.js';

test('LabelsBuilder: parsed labels layer over stream labels and metadata', () => {
  const b = new LabelsBuilder({ app: 'foo', env: 'prod' });
  b.reset({ trace_id: 't1' });
  assert.equal(b.setParsed('app', 'bar', 0), 'app_extracted');
  assert.equal(b.setParsed('trace_id', 'x', 0), 'trace_id_extracted');
  assert.equal(b.setParsed('level', 'info', 0), 'level');
  assert.equal(b.labelsWithKey().key, '{app="foo", app_extracted="bar", env="prod", level="info", trace_id="t1", trace_id_extracted="x"}');
  b.reset(undefined);
  assert.equal(b.unchanged, true);
  assert.equal(b.labelsWithKey().key, '{app="foo", env="prod"}');
});

test('LabelsBuilder: first parser wins, the same parser and set() overwrite', () => {
  const b = new LabelsBuilder({});
  b.reset(undefined);
  b.setParsed('a', '1', 0);
  b.setParsed('a', '2', 0);
  b.setParsed('a', '3', 1);
  assert.equal(b.get('a'), '2');
  b.set('a', '4');
  assert.equal(b.get('a'), '4');
  b.setParsed('a', '5', 2);
  assert.equal(b.get('a'), '5');
});

test('LabelsBuilder: delete hides stream labels and errors until set again', () => {
  const b = new LabelsBuilder({ app: 'foo' });
  b.reset(undefined);
  b.setErr('JSONParserErr', 'details');
  b.delete('app');
  b.delete('__error__');
  assert.equal(b.get('app'), undefined);
  assert.equal(b.hasErr, false);
  assert.equal(b.labelsWithKey().key, '{__error_details__="details"}');
  b.set('app', 'again');
  b.setErr('LabelFilterErr');
  assert.equal(b.labelsWithKey().key, '{__error__="LabelFilterErr", __error_details__="details", app="again"}');
});

test('LabelsBuilder: consecutive identical label sets share one snapshot', () => {
  const b = new LabelsBuilder({ app: 'foo' });
  b.reset(undefined);
  b.setParsed('a', '1', 0);
  const first = b.labelsWithKey();
  b.reset(undefined);
  b.setParsed('a', '1', 0);
  assert.equal(b.labelsWithKey(), first);
  b.reset(undefined);
  b.setParsed('a', '2', 0);
  assert.notEqual(b.labelsWithKey(), first);
  assert.deepEqual(first.labels, { a: '1', app: 'foo' });
});

test('formatPairs: Go quoting for values that need it', () => {
  assert.equal(formatPairs(['a', 'x"y', 'b', 'tab\there', 'c', 'é']), '{a="x\\"y", b="tab\\there", c="é"}');
});
