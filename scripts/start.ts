/**
 * `npm start`: builds the dashboard when its sources are newer than the build, then starts the
 * server as a demo: the database created when missing and the samples loaded into it when empty
 * (CREATE_DATABASE, LOAD_SAMPLES; `npm run serve` starts it without either).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { nodeVersionProblem } from '../server/config/node-version';

const nodeProblem = nodeVersionProblem(process.versions.node);
if (nodeProblem) {
  console.error(`无法启动：${nodeProblem.zh}\ncannot start: ${nodeProblem.en}`);
  process.exit(1);
}

const ROOT = join(import.meta.dirname, '..');
const BUILT = join(ROOT, 'dist', 'web', 'index.html');

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sourcesChanged =
  !existsSync(BUILT) || Math.max(newest(join(ROOT, 'web')), newest(join(ROOT, 'shared'))) > statSync(BUILT).mtimeMs;
if (sourcesChanged) {
  console.log('building the dashboard…');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
// the demo: a new database is created when there is none, and the samples loaded into it when empty
process.env.CREATE_DATABASE ??= 'true';
process.env.LOAD_SAMPLES ??= 'true';
await import('../server/server');
