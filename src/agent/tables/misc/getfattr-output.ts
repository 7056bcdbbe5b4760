/** One extended attribute: its name and raw value bytes. */
export interface ExtendedAttribute {
  readonly name: string;
  readonly value: Buffer;
}

/**
 * Parses the output of `getfattr -d -m - --absolute-names -e base64 -- <path>`
 * for one file: `# file:` header lines are skipped, each `name=0s<base64>`
 * line is one attribute (a bare `name` is an empty value). getfattr writes
 * a backslash, '=', CR and LF inside names as `\ooo` octal escapes; they are
 * decoded. Values in any other encoding (`"text"`, `0x…`) are decoded too,
 * should getfattr choose one.
 */
export function parseGetfattrOutput(output: string): ExtendedAttribute[] {
  const attributes: ExtendedAttribute[] = [];
  for (const line of output.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = unescapeOctal(eq < 0 ? line : line.slice(0, eq));
    attributes.push({ name, value: eq < 0 ? Buffer.alloc(0) : decodeValue(line.slice(eq + 1)) });
  }
  return attributes;
}

function unescapeOctal(text: string): string {
  const bytes = Buffer.from(text.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))), 'latin1');
  return bytes.toString('utf8');
}

function decodeValue(text: string): Buffer {
  if (text.startsWith('0s')) return Buffer.from(text.slice(2), 'base64');
  if (text.startsWith('0x')) return Buffer.from(text.slice(2), 'hex');
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
    return Buffer.from(text.slice(1, -1).replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8))), 'latin1');
  }
  return Buffer.from(text, 'latin1');
}

/**
 * How osquery shows a value: printable when it ends in a NUL and every byte
 * before that is printable ASCII (isprint), shown without the NUL and
 * base64 = 0; otherwise base64-encoded (without that final NUL, if the value
 * had one) and base64 = 1. An empty value is '' with base64 = 1.
 */
export function formatAttributeValue(value: Buffer): { readonly value: string; readonly base64: 0 | 1 } {
  if (value.length === 0) return { value: '', base64: 1 };
  if (value[value.length - 1] !== 0) return { value: value.toString('base64'), base64: 1 };
  const body = value.subarray(0, value.length - 1);
  const printable = body.every((b) => b >= 0x20 && b <= 0x7e);
  return printable ? { value: body.toString('latin1'), base64: 0 } : { value: body.toString('base64'), base64: 1 };
}
