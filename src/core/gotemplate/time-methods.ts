import { civilFromDays } from '../go/time-zone.js';
import { UTC_LOCATION } from '../go/time-layout.js';
import { floorDiv, GoTime, type GoValue } from './values.js';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Result = { ok: true; value: GoValue } | { ok: false; error: string };

/** The time.Time methods templates use (`.Unix`, `.Format "…"`, `.Year`, …). */
export function callTimeMethod(t: GoTime, name: string, args: readonly GoValue[]): Result {
  const noArgs = (value: () => GoValue): Result =>
    args.length === 0 ? { ok: true, value: value() } : { ok: false, error: `wrong number of args for ${name}: want 0 got ${args.length}` };
  const sec = Number(t.unix());
  const local = sec + t.location.offsetAt(sec);
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const civil = (): { year: number; month: number; day: number } => civilFromDays(days);
  switch (name) {
    case 'Unix':
      return noArgs(() => t.unix());
    case 'UnixMilli':
      return noArgs(() => floorDiv(t.unixNs, 1_000_000n));
    case 'UnixMicro':
      return noArgs(() => floorDiv(t.unixNs, 1_000n));
    case 'UnixNano':
      return noArgs(() => t.unixNs);
    case 'UTC':
      return noArgs(() => new GoTime(t.unixNs, UTC_LOCATION));
    case 'String':
      return noArgs(() => t.toString());
    case 'IsZero':
      return noArgs(() => t.isZero());
    case 'Year':
      return noArgs(() => BigInt(civil().year));
    case 'Month':
      return noArgs(() => monthNames[civil().month - 1] as string);
    case 'Day':
      return noArgs(() => BigInt(civil().day));
    case 'Weekday':
      return noArgs(() => dayNames[(((days + 4) % 7) + 7) % 7] as string);
    case 'Hour':
      return noArgs(() => BigInt(Math.floor(secOfDay / 3600)));
    case 'Minute':
      return noArgs(() => BigInt(Math.floor((secOfDay % 3600) / 60)));
    case 'Second':
      return noArgs(() => BigInt(secOfDay % 60));
    case 'Nanosecond':
      return noArgs(() => t.unixNs - t.unix() * 1_000_000_000n);
    case 'Format': {
      const layout = args[0];
      if (args.length !== 1) return { ok: false, error: `wrong number of args for Format: want 1 got ${args.length}` };
      if (typeof layout !== 'string') return { ok: false, error: 'wrong type for value; expected string' };
      return { ok: true, value: t.format(layout) };
    }
    default:
      return { ok: false, error: `can't evaluate field ${name} in type time.Time` };
  }
}
