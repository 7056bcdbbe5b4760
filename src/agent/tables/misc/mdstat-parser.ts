import { splitOsquery } from '../lib/osquery-strings.js';

/** A recovery, resync, reshape or check line: `12.6% (a/b) finish=1.2min speed=1000K/sec`. */
export interface MdAction {
  readonly progress: string;
  readonly finish: string;
  readonly speed: string;
}

/** The bitmap line: `1/1 pages [4KB], 65536KB chunk[, file: /path]`. */
export interface MdBitmap {
  readonly onMem: string;
  readonly chunkSize: string;
  readonly externalFile: string;
}

/** One array of /proc/mdstat as osquery's MDDevice keeps it. */
export interface MdDevice {
  readonly name: string;
  /** The first word after the colon (`active`, `inactive`). */
  readonly status: string;
  /** The second word (`raid1`; for an inactive array a member, as in osquery). */
  readonly raidLevel: string;
  /** 1 KiB blocks of the config line; 0 when absent. */
  readonly usableSize: number;
  /** The config line's words between `blocks` and the last two, space-joined (`super 1.2`). */
  readonly other: string;
  /** `[2/2]` and `[UU]` of the config line. */
  readonly healthyDrives: string;
  readonly driveStatuses: string;
  readonly recovery?: MdAction;
  readonly resync?: MdAction;
  readonly reshape?: MdAction;
  readonly checkArray?: MdAction;
  readonly bitmap?: MdBitmap;
}

export interface MdStat {
  readonly personalities: readonly string[];
  readonly devices: readonly MdDevice[];
  /** The text after `unused devices:` (`<none>`). */
  readonly unused: string;
  /** What osquery would LOG(WARNING) about while parsing. */
  readonly warnings: readonly string[];
}

type MutableDevice = { -readonly [K in keyof MdDevice]: MdDevice[K] };

/** Status lines that may follow an array's config line, tried in osquery's order. */
const statusHandlers: ReadonlyArray<readonly [string, (d: MutableDevice, text: string, warn: (m: string) => void) => void]> = [
  ['recovery =', (d, t, w) => (d.recovery = parseMdAction(t, w) ?? d.recovery)],
  ['resync =', (d, t, w) => (d.resync = parseMdAction(t, w) ?? d.resync)],
  // "resync=DELAYED" / "resync=PENDING": only a progress text.
  ['resync=', (d, t) => (d.resync = { progress: t, finish: d.resync?.finish ?? '', speed: d.resync?.speed ?? '' })],
  ['reshape =', (d, t, w) => (d.reshape = parseMdAction(t, w) ?? d.reshape)],
  ['check =', (d, t, w) => (d.checkArray = parseMdAction(t, w) ?? d.checkArray)],
  ['bitmap:', (d, t, w) => (d.bitmap = parseMdBitmap(t, w) ?? d.bitmap)],
];

/**
 * Parses /proc/mdstat as osquery's MD::parseMDStat: lines are split and
 * trimmed with osquery::split (empty lines vanish); the first line lists
 * the personalities; each `mdN : status level members…` line is followed by
 * its config line and then any recovery/resync/reshape/check/bitmap lines;
 * `unused devices:` ends the file. Lines it does not expect become warnings.
 */
export function parseMdstat(content: string): MdStat {
  const lines = splitOsquery(content, '\n');
  const personalities: string[] = [];
  const devices: MdDevice[] = [];
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  let unused = '';
  let n = 0;
  if (lines.length === 0) return { personalities, devices, unused, warnings };
  if ((lines[0] ?? '').includes('Personalities :')) {
    for (const p of splitOsquery((lines[0] ?? '').slice('Personalities :'.length), ' ')) {
      if (p.length > 2) personalities.push(p.slice(1, -1));
    }
    n = 1;
  } else {
    warn(`mdstat Personalities not found at line 0: ${lines[0] ?? ''}`);
  }
  while (n < lines.length) {
    const line = lines[n] ?? '';
    if (line.trim() === '' || line.length < 2) {
      n += 1;
      continue;
    }
    if (line.startsWith('md')) {
      const pieces = splitOsquery(line, ':');
      if (pieces.length < 2) {
        warn(`Unexpected md device line structure: ${line}`);
        n += 1;
        continue;
      }
      const name = pieces[0] ?? '';
      const settingsText = pieces.slice(1).join(':');
      const settings = splitOsquery(settingsText, ' ');
      const device: MutableDevice = {
        name, status: settings[1] === undefined ? '' : settings[0] ?? '', raidLevel: settings[1] ?? '',
        usableSize: 0, other: '', healthyDrives: '', driveStatuses: '',
      };
      if (n + 1 < lines.length) {
        readConfigLine(device, lines[n + 1] ?? '', warn);
        n += 1;
        for (;;) {
          const next = lines[n + 1];
          if (next === undefined) break;
          const handler = statusHandlers.find(([term]) => {
            const at = next.indexOf(term);
            return at >= 0 && next.length > at + term.length;
          });
          if (!handler) break;
          const [term, apply] = handler;
          apply(device, next.slice(next.indexOf(term) + term.length).trim(), warn);
          n += 1;
        }
      }
      devices.push(device);
    } else if (line.startsWith('un') && line.length > 'unused devices:'.length + 1) {
      unused = line.slice('unused devices:'.length).trim();
    } else {
      warn(`Unexpected mdstat line: ${line}`);
    }
    n += 1;
  }
  return { personalities, devices, unused, warnings };
}

/** `<blocks> blocks <other…> [n/m] [UU_]`: size, the middle words and the two drive summaries. */
function readConfigLine(device: MutableDevice, line: string, warn: (m: string) => void): void {
  const words = splitOsquery(line, '\t ');
  if (words.length < 4) {
    warn(`Unexpected md device config: ${line}`);
    return;
  }
  if (words[1] === 'blocks') {
    const size = /^[+-]?\d+$/.test(words[0] ?? '') ? Number(words[0]) : undefined;
    if (size === undefined) warn(`Could not parse usable size of ${device.name}`);
    else device.usableSize = size;
  } else {
    warn(`Did not find size in mdstat for ${device.name}`);
  }
  device.healthyDrives = words[words.length - 2] ?? '';
  device.driveStatuses = words[words.length - 1] ?? '';
  device.other = words.slice(2, -2).join(' ');
}

/** `P% (a/b) finish=T speed=S`; anything but four words is a warning and an empty action. */
function parseMdAction(text: string, warn: (m: string) => void): MdAction | undefined {
  const pieces = splitOsquery(text, ' ');
  if (pieces.length !== 4) {
    warn(`Unexpected recovery/resync line format: ${text}`);
    return undefined;
  }
  return { progress: `${pieces[0]} ${pieces[1]}`, finish: dropLeadingChars(pieces[2] ?? '', 'finish='), speed: dropLeadingChars(pieces[3] ?? '', 'speed=') };
}

/** std::string::find_first_not_of(set) then substr: strips every leading character found in `set`. */
function dropLeadingChars(text: string, set: string): string {
  let i = 0;
  while (i < text.length && set.includes(text.charAt(i))) i++;
  return i < text.length ? text.slice(i) : text;
}

function parseMdBitmap(text: string, warn: (m: string) => void): MdBitmap | undefined {
  const parts = splitOsquery(text, ',');
  if (parts.length < 2) {
    warn(`Unexpected bitmap line structure: ${text}`);
    return undefined;
  }
  const file = parts[2]?.indexOf('file:') ?? -1;
  return { onMem: parts[0] ?? '', chunkSize: parts[1] ?? '', externalFile: file >= 0 ? (parts[2] ?? '').slice(file + 5).trim() : '' };
}
