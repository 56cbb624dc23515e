import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The systemd unit in deploy/ (README, "Running under a supervisor"): `systemd-analyze verify`
 * accepts it without a warning (it exits 0 on unknown keys and bad values, so its output must be
 * empty too), its offline security analysis rates it well, and it keeps what the README promises:
 * restart on failure, its own user, a heap ceiling, a read-only system with the data directory
 * writable. Skipped, saying so, where systemd-analyze is not installed.
 */
const unitPath = path.resolve(import.meta.dirname, '../../deploy/tilsyn.service');
const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p)) ?? null;
if (!analyze) console.warn('[deploy.test] systemd-analyze is not installed (apt-get install systemd): the unit file is not verified');

/** The unit's `Key=value` lines by section (comments and blank lines left out). */
function parseUnit(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>();
  let current = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = section[1]!;
      sections.set(current, []);
      continue;
    }
    const eq = line.indexOf('=');
    sections.get(current)?.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return sections;
}

/** A copy of the unit under its own name; ExecStart's node made this machine's when /usr/bin/node is absent. */
function unitCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-unit-'));
  let text = fs.readFileSync(unitPath, 'utf8');
  if (!fs.existsSync('/usr/bin/node')) text = text.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `);
  const copy = path.join(dir, 'tilsyn.service');
  fs.writeFileSync(copy, text);
  return copy;
}

describe('the systemd unit', () => {
  it('keeps what the README promises', () => {
    const unit = parseUnit(fs.readFileSync(unitPath, 'utf8'));
    const service = unit.get('Service') ?? [];
    const get = (key: string) => service.filter(([k]) => k === key).map(([, v]) => v);
    const envLine = (name: string) =>
      get('Environment')
        .find((v) => v.startsWith(`${name}=`))
        ?.slice(name.length + 1);
    expect(get('Restart')).toEqual(['on-failure']);
    expect(get('User')[0]).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(get('User')[0]).not.toBe('root');
    expect(get('NoNewPrivileges')).toEqual(['yes']);
    expect(get('ProtectSystem')).toEqual(['strict']);
    expect(get('PrivateTmp')).toEqual(['yes']);
    expect(envLine('NODE_OPTIONS')).toMatch(/--max-old-space-size=\d+/);
    // the data directory lies inside a path it may write
    const dataDir = envLine('TILSYN_DATA_DIR');
    expect(dataDir).toBeTruthy();
    expect(
      get('ReadWritePaths')
        .flatMap((v) => v.split(/\s+/))
        .some((p) => dataDir === p || dataDir!.startsWith(`${p.replace(/^-/, '')}/`)),
    ).toBe(true);
    expect(unit.get('Install')?.some(([k, v]) => k === 'WantedBy' && v === 'multi-user.target')).toBe(true);
  });

  it.skipIf(!analyze)('passes systemd-analyze verify without a warning', () => {
    const copy = unitCopy();
    try {
      const r = spawnSync(analyze!, ['verify', copy], { encoding: 'utf8' });
      // Warnings about the host's own units (none installed here, or unrelated ones) are not the unit's
      const ours = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() && l.includes('tilsyn'));
      expect({ status: r.status, output: ours }).toEqual({ status: 0, output: [] });
    } finally {
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });

  it.skipIf(!analyze)('finds a typo: the check can fail', () => {
    const copy = unitCopy();
    try {
      fs.writeFileSync(copy, fs.readFileSync(copy, 'utf8').replace('ProtectSystem=strict', 'ProtectSystm=strict'));
      const r = spawnSync(analyze!, ['verify', copy], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toMatch(/Unknown key 'ProtectSystm'/);
    } finally {
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });

  it.skipIf(!analyze)('rates well in systemd-analyze security (offline)', () => {
    const copy = unitCopy();
    try {
      const r = spawnSync(analyze!, ['security', '--offline=yes', copy], { encoding: 'utf8' });
      const level = /Overall exposure level for tilsyn\.service: ([\d.]+)/.exec(`${r.stdout}${r.stderr}`);
      expect(level, `${r.stdout}${r.stderr}`).not.toBeNull();
      // 0 is fully locked down, 10 is not at all; up to 3.9 systemd calls it "OK"
      expect(Number(level![1])).toBeLessThan(3);
    } finally {
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });
});
