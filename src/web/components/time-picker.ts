import { h } from '../dom.js';
import { presets, type TimeRange } from '../time-range.js';

/** A labelled select of range presets plus custom from/to inputs. */
export function createTimePicker(initial: TimeRange, onChange: (range: TimeRange) => void): { element: HTMLElement } {
  const select = h('select', { id: 'time-range', 'aria-label': 'Time range' });
  for (const preset of presets) {
    const option = h('option', { value: preset.from }, preset.label);
    if (preset.from === initial.from && initial.to === 'now') option.selected = true;
    select.append(option);
  }
  const custom = h('option', { value: 'custom' }, 'Custom range');
  select.append(custom);
  const from = h('input', { type: 'text', id: 'range-from', 'aria-label': 'From (RFC3339 or now-1h)', value: initial.from, size: '20' });
  const to = h('input', { type: 'text', id: 'range-to', 'aria-label': 'To (RFC3339 or now)', value: initial.to, size: '20' });
  const customBox = h('span', { class: 'custom-range' }, from, to);
  const isPreset = presets.some((p) => p.from === initial.from) && initial.to === 'now';
  if (!isPreset) custom.selected = true;
  customBox.hidden = isPreset;
  select.addEventListener('change', () => {
    if (select.value === 'custom') {
      customBox.hidden = false;
      from.focus();
      return;
    }
    customBox.hidden = true;
    from.value = select.value;
    to.value = 'now';
    onChange({ from: select.value, to: 'now' });
  });
  for (const input of [from, to]) {
    input.addEventListener('change', () => onChange({ from: from.value, to: to.value }));
  }
  return { element: h('span', { class: 'time-picker' }, select, customBox) };
}
