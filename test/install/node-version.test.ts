import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, requiredNodeRange } from '../../server/config/node-version';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the Node.js version README names', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const named = /Node\.js (\d+\.\d+(?:\.\d+)?)/.exec(readme)?.[1];

  it('README names the lowest version package.json allows', () => {
    expect(named).toBeDefined();
    expect(semver.minVersion(requiredNodeRange())?.version).toBe(semver.coerce(named)?.version);
  });

  it('every installed package supports that version (npm install prints no EBADENGINE)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const lowest = semver.minVersion(requiredNodeRange())?.version ?? '0.0.0';
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(lowest, (p.engines as { node: string }).node))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('an older Node is refused at start with a message in Chinese and English', () => {
    expect(nodeVersionProblem('18.19.0', '>=20.19')).toEqual({
      zh: '本系统需要 Node.js 20.19.0 或更新的版本，这台电脑的是 18.19.0。请安装新版本的 Node.js（见 README）后再启动。',
      en: 'Node.js >=20.19 is required, this is 18.19.0; install a newer Node.js (see README)',
    });
    expect(nodeVersionProblem('20.19.0', '>=20.19')).toBeNull();
    expect(nodeVersionProblem(process.versions.node)).toBeNull();
  });
});
