/**
 * The elements of a Go time layout (`2006-01-02T15:04:05Z07:00`), split as
 * Go's `time.nextStdChunk` does. Compiled once per layout, then used by
 * both parsing and formatting (time-layout.ts).
 */
export type StdKind =
  | 'longMonth' // January
  | 'month' // Jan
  | 'numMonth' // 1
  | 'zeroMonth' // 01
  | 'longWeekDay' // Monday
  | 'weekDay' // Mon
  | 'day' // 2
  | 'underDay' // _2
  | 'zeroDay' // 02
  | 'underYearDay' // __2
  | 'zeroYearDay' // 002
  | 'hour' // 15
  | 'hour12' // 3
  | 'zeroHour12' // 03
  | 'minute' // 4
  | 'zeroMinute' // 04
  | 'second' // 5
  | 'zeroSecond' // 05
  | 'longYear' // 2006
  | 'year' // 06
  | 'PM' // PM
  | 'pm' // pm
  | 'tz' // MST
  | 'iso8601TZ' // Z0700
  | 'iso8601SecondsTZ' // Z070000
  | 'iso8601ShortTZ' // Z07
  | 'iso8601ColonTZ' // Z07:00
  | 'iso8601ColonSecondsTZ' // Z07:00:00
  | 'numTZ' // -0700
  | 'numSecondsTZ' // -070000
  | 'numShortTZ' // -07
  | 'numColonTZ' // -07:00
  | 'numColonSecondsTZ' // -07:00:00
  | 'fracSecond0' // .000 (digits fixed)
  | 'fracSecond9'; // .999 (trailing zeros trimmed)

export type LayoutChunk =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: StdKind; readonly text: string; readonly digits: number; readonly separator: string };

const zoneForms: ReadonlyArray<readonly [string, StdKind]> = [
  ['-07:00:00', 'numColonSecondsTZ'],
  ['-070000', 'numSecondsTZ'],
  ['-07:00', 'numColonTZ'],
  ['-0700', 'numTZ'],
  ['-07', 'numShortTZ'],
  ['Z07:00:00', 'iso8601ColonSecondsTZ'],
  ['Z070000', 'iso8601SecondsTZ'],
  ['Z07:00', 'iso8601ColonTZ'],
  ['Z0700', 'iso8601TZ'],
  ['Z07', 'iso8601ShortTZ'],
];

const zeroForms: Readonly<Record<string, StdKind>> = {
  '1': 'zeroMonth',
  '2': 'zeroDay',
  '3': 'zeroHour12',
  '4': 'zeroMinute',
  '5': 'zeroSecond',
  '6': 'year',
};

function startsWithLowerCase(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 97 && code <= 122;
}

function isDigitAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

/** The standard element starting at `i`, or undefined when `layout[i]` is literal. */
function matchStd(layout: string, i: number): { kind: StdKind; length: number; digits?: number } | undefined {
  const rest = (n: number): string => layout.slice(i, i + n);
  switch (layout[i]) {
    case 'J':
      if (rest(7) === 'January') return { kind: 'longMonth', length: 7 };
      if (rest(3) === 'Jan' && !startsWithLowerCase(layout, i + 3)) return { kind: 'month', length: 3 };
      return undefined;
    case 'M':
      if (rest(6) === 'Monday') return { kind: 'longWeekDay', length: 6 };
      if (rest(3) === 'Mon' && !startsWithLowerCase(layout, i + 3)) return { kind: 'weekDay', length: 3 };
      if (rest(3) === 'MST') return { kind: 'tz', length: 3 };
      return undefined;
    case '0': {
      const next = layout[i + 1];
      if (next !== undefined && zeroForms[next] !== undefined) return { kind: zeroForms[next], length: 2 };
      if (rest(3) === '002') return { kind: 'zeroYearDay', length: 3 };
      return undefined;
    }
    case '1':
      return rest(2) === '15' ? { kind: 'hour', length: 2 } : { kind: 'numMonth', length: 1 };
    case '2':
      return rest(4) === '2006' ? { kind: 'longYear', length: 4 } : { kind: 'day', length: 1 };
    case '_':
      if (rest(2) === '_2') {
        // `_2006` is a literal `_` followed by the year.
        if (rest(5) === '_2006') return undefined;
        return { kind: 'underDay', length: 2 };
      }
      if (rest(3) === '__2') return { kind: 'underYearDay', length: 3 };
      return undefined;
    case '3':
      return { kind: 'hour12', length: 1 };
    case '4':
      return { kind: 'minute', length: 1 };
    case '5':
      return { kind: 'second', length: 1 };
    case 'P':
      return rest(2) === 'PM' ? { kind: 'PM', length: 2 } : undefined;
    case 'p':
      return rest(2) === 'pm' ? { kind: 'pm', length: 2 } : undefined;
    case '-':
    case 'Z':
      for (const [form, kind] of zoneForms) {
        if (layout.startsWith(form, i)) return { kind, length: form.length };
      }
      return undefined;
    case '.':
    case ',': {
      const digit = layout[i + 1];
      if (digit !== '0' && digit !== '9') return undefined;
      let j = i + 1;
      while (j < layout.length && layout[j] === digit) j++;
      if (isDigitAt(layout, j)) return undefined;
      return { kind: digit === '0' ? 'fracSecond0' : 'fracSecond9', length: j - i, digits: j - i - 1 };
    }
    default:
      return undefined;
  }
}

/** Splits a layout into literal text and standard elements. */
export function splitLayout(layout: string): LayoutChunk[] {
  const chunks: LayoutChunk[] = [];
  let literal = '';
  let i = 0;
  while (i < layout.length) {
    const std = matchStd(layout, i);
    if (std === undefined) {
      literal += layout[i];
      i++;
      continue;
    }
    if (literal !== '') chunks.push({ kind: 'literal', text: literal });
    literal = '';
    const text = layout.slice(i, i + std.length);
    chunks.push({ kind: std.kind, text, digits: std.digits ?? 0, separator: text[0] as string });
    i += std.length;
  }
  if (literal !== '') chunks.push({ kind: 'literal', text: literal });
  return chunks;
}

/** Go's predefined layouts, by their Go constant names. */
export const goNamedLayouts = {
  Layout: "01/02 03:04:05PM '06 -0700",
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
} as const;

/** A layout split once, reused for every value. */
export interface GoLayout {
  readonly layout: string;
  readonly chunks: readonly LayoutChunk[];
  /** Whether the layout has a year element (`2006` or `06`). */
  readonly hasYear: boolean;
}

export function compileGoLayout(layout: string): GoLayout {
  const chunks = splitLayout(layout);
  return { layout, chunks, hasYear: chunks.some((c) => c.kind === 'longYear' || c.kind === 'year') };
}

export const longMonthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const longDayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
