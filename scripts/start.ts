/**
 * `npm start`: builds the dashboard when its sources are newer than the build, then starts the
 * server (migrations, samples into an empty database, API and dashboard on PORT).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

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
await import('../server/server');
