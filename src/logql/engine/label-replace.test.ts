import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyLabelReplace } from './label-replace.js';
import { createStepSeries } from './series.js';

const cases: readonly { name: string; args: [string, string, string, string]; want: string }[] = [
  { name: 'numbered group', args: ['dst', '$1-x', 'app', '(a.)i'], want: '{app="api", dst="ap-x"}' },
  { name: 'braced group then text', args: ['dst', '${1}0', 'app', '(a)pi'], want: '{app="api", dst="a0"}' },
  { name: '$1x is the group named 1x (empty)', args: ['dst', '$1x', 'app', '(a)pi'], want: '{app="api"}' },
  { name: 'named group', args: ['dst', '<${n}>', 'app', '(?P<n>p.)'], want: '{app="api"}' },
  { name: 'named group on full match', args: ['dst', '<${n}>', 'app', 'a(?P<n>p.)'], want: '{app="api", dst="<pi>"}' },
  { name: '$$ is a dollar', args: ['dst', '$$', 'app', '.*'], want: '{app="api", dst="$"}' },
  { name: 'no match leaves labels', args: ['dst', 'x', 'app', 'b.*'], want: '{app="api"}' },
  { name: 'empty result deletes dst', args: ['app', '', 'app', '.*'], want: '{}' },
  { name: 'missing src is the empty string', args: ['dst', 'empty', 'nope', ''], want: '{app="api", dst="empty"}' },
];

for (const c of cases) {
  test(`label_replace: ${c.name}`, () => {
    const [dst, replacement, src, regex] = c.args;
    const series = createStepSeries({ app: 'api' }, '{app="api"}', 1);
    const [out] = applyLabelReplace({ kind: 'LabelReplace', expr: { kind: 'Literal', value: 0 }, dst, replacement, src, regex }, [series], 1);
    assert.equal(out?.key, c.want);
  });
}
