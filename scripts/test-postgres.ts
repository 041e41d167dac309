/**
 * `npm run test:postgres`: the API, ingest, collector and command-line suites (and the load test
 * with two server processes) against a real PostgreSQL. Uses TEST_DATABASE_URL when set (a superuser or a user allowed to create
 * databases: each test makes and drops its own); otherwise starts a throw-away cluster of Debian's
 * `postgresql` package for the run. Extra arguments go to vitest (a file to run only that one).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/db/client';
import { type Cluster, startCluster } from './fixtures/postgres-cluster';

const given = process.env.TEST_DATABASE_URL;
let cluster: Cluster | null = null;
if (!given) {
  cluster = await startCluster();
  console.log(`== ${cluster.version}: a scratch cluster at ${cluster.url}`);
}
const url = given ?? (cluster as Cluster).url;
const vitest = join(PROJECT_ROOT, 'node_modules', '.bin', 'vitest');
const env = { ...process.env, TEST_DATABASE_URL: url };
const args = process.argv.slice(2);
let status = 0;
try {
  const suites =
    args.length > 0
      ? [args]
      : [
          ['test/server/api', 'test/server/ingest', 'test/server/collect', 'test/scripts'],
          ['--config', 'vitest.robustness.config.ts', 'test/server/api/load.robustness.test.ts'],
        ];
  for (const suite of suites) {
    const r = spawnSync(vitest, ['run', ...suite], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    status ||= r.status ?? 1;
  }
} finally {
  cluster?.stop();
}
process.exit(status);
