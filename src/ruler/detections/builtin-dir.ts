import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the detection rule files shipped with Watchpost: beside this
 * module in the source tree, `detections/` beside the bundle in dist/.
 */
export function builtinDetectionsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, join(here, 'detections')];
  return candidates.find((dir) => existsSync(join(dir, 'ssh.yaml'))) ?? here;
}
