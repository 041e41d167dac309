/**
 * The Node.js version the project needs (package.json `engines.node`, the version README names),
 * checked when the dashboard starts so an old Node fails with a message instead of a stack trace
 * deep inside a dependency.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/** The `engines.node` range of the project's package.json. */
export function requiredNodeRange(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    engines?: { node?: string };
  };
  return pkg.engines?.node ?? '*';
}

/** What is wrong with running on `version` (e.g. `20.11.1`), in Chinese and English; null when it is fine. */
export function nodeVersionProblem(version: string, range = requiredNodeRange()): { zh: string; en: string } | null {
  if (semver.satisfies(version, range)) return null;
  const lowest = semver.minVersion(range)?.version ?? range;
  return {
    zh: `本系统需要 Node.js ${lowest} 或更新的版本，这台电脑的是 ${version}。请安装新版本的 Node.js（见 README）后再启动。`,
    en: `Node.js ${range} is required, this is ${version}; install a newer Node.js (see README)`,
  };
}
