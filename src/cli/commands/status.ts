import { WatchpostError } from '../../core/index.js';
import { parseCommandArgs } from '../parse-command-args.js';

const usage = `usage: watchpost status [--addr URL]
Reports the health of a running \`watchpost up\` (one line per component). Exit 0 when all run.
  --addr URL   default http://127.0.0.1:3100 (env WATCHPOST_ADDR)
`;

interface StatusBody {
  status: string;
  components: Array<{ name: string; state: string; detail: string; error: string; restarts: number }>;
}

/** `watchpost status`: GET /api/v1/status of a running `watchpost up`. */
export async function runStatusCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs({ args: argv, options: { addr: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }, usage);
  if (parsed.values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const addr = (parsed.values.addr ?? process.env.WATCHPOST_ADDR ?? 'http://127.0.0.1:3100').replace(/\/$/, '');
  let body: StatusBody;
  try {
    const response = await fetch(`${addr}/api/v1/status`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`${response.status} ${(await response.text()).trim()}`);
    body = (await response.json()) as StatusBody;
  } catch (err) {
    throw new WatchpostError('ERR_STORE_UNAVAILABLE', `no watchpost up answering at ${addr}: ${(err as Error).message}`);
  }
  process.stdout.write(`watchpost at ${addr}: ${body.status}\n`);
  for (const c of body.components) {
    const extra = c.state === 'failed' ? c.error : c.detail;
    process.stdout.write(`  ${c.name.padEnd(8)} ${c.state.padEnd(8)} ${extra}${c.restarts > 0 ? ` (restarts: ${c.restarts})` : ''}\n`);
  }
  return body.status === 'ready' ? 0 : 69;
}
