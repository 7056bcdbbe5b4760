import { compareBytes } from './sysfs.js';
import { listDir, readUtf8 } from '../lib/fs-read.js';

/** The files osquery reads for system_controls.config_value, in its order (later files win). */
const configFiles = ['/etc/sysctl.conf'];
const configDirs = ['/run/sysctl.d', '/etc/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];

/**
 * Adds the `key = value` settings of one sysctl.conf-style text to `config`,
 * with osquery's rules: lines starting with '#' or ';' are comments; a line
 * is split on every '=' and kept only when exactly two non-empty pieces
 * result; keys are used as written (no '/' to '.' or leading '-' handling).
 */
export function parseSysctlConfig(text: string, config: Map<string, string>): void {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';')) continue;
    const parts = line.split('=').filter((p) => p !== '');
    if (parts.length !== 2) continue;
    config.set((parts[0] as string).trim(), (parts[1] as string).trim());
  }
}

/**
 * The configured value of every sysctl: /etc/sysctl.conf first, then the
 * *.conf files of /run, /etc, /usr/local/lib, /usr/lib and /lib sysctl.d
 * (each directory sorted by name). A later file overrides an earlier one,
 * which is osquery's order, not systemd-sysctl's precedence.
 */
export function readSysctlConfig(hostPath: (path: string) => string): Map<string, string> {
  const config = new Map<string, string>();
  const files = [...configFiles];
  for (const dir of configDirs) {
    for (const name of listDir(hostPath(dir)).filter((n) => n.endsWith('.conf') && !n.startsWith('.')).sort(compareBytes)) {
      files.push(`${dir}/${name}`);
    }
  }
  for (const file of files) {
    const text = readUtf8(hostPath(file));
    if (text !== undefined) parseSysctlConfig(text, config);
  }
  return config;
}
