/**
 * Issue 32's memory attacks on the real server process over loopback: a zip bomb of ten 49 MB
 * entries, five 45 MB files in one upload, and a 48 MB web page. Each must leave the server's
 * resident memory within +300 MB of its idle value, and another user's cached ranking must keep
 * answering while it runs: its latencies are printed in the test's report (no wall clock is
 * asserted), as is each attack's peak.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { loginOver, prepareDatabase, type ServerProcess, startServer } from '../../helpers/server-process';

const work = mkdtempSync(join(tmpdir(), 'memory-'));
let server: ServerProcess;
let editor: Record<string, string>;

beforeAll(async () => {
  const path = join(work, 'memory.db');
  await prepareDatabase(path);
  server = await startServer(path, { LOAD_SAMPLES: 'true' });
  editor = await loginOver(server.base, 'editor');
});
afterAll(async () => {
  await server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

const rssMb = () => {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** Runs `attack` while sampling the server's memory and a reader of the cached ranking. */
async function underAttack(name: string, attack: () => Promise<Response>) {
  // idle: warm, the ranking cached
  for (let i = 0; i < 5; i++) await fetch(`${server.base}/api/rankings?year=2024`);
  await new Promise((r) => setTimeout(r, 500));
  const idle = rssMb();
  let peak = idle;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, rssMb());
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // another user reading the cached ranking, from a process of its own (this one is busy sending the attack)
  const reader = spawn(process.execPath, ['-e', READER, `${server.base}/api/rankings?year=2024`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  reader.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const readerDone = new Promise<void>((r) => reader.once('exit', () => r()));
  await new Promise((r) => setTimeout(r, 200));
  const res = await attack();
  const body = await res.text();
  running = false;
  reader.stdin.end();
  await Promise.all([sampler, readerDone]);
  const { latencies, failed } = JSON.parse(out) as { latencies: number[]; failed: number };
  if (failed > 0) throw new Error(`the ranking failed ${failed} times`);
  latencies.sort((a, b) => a - b);
  console.log(
    `${name}: answered ${res.status}; server RSS idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - idle).toFixed(0)}); ` +
      `another user's ranking answered ${latencies.length} times, p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
  );
  return { status: res.status, body, idle, peak, answered: latencies.length };
}

/** A reader in a process of its own: fetches a URL every 20 ms until its stdin closes, then prints its latencies. */
const READER = `
const url = process.argv[1];
const latencies = [];
let failed = 0;
let open = true;
process.stdin.on('end', () => { open = false; });
process.stdin.resume();
(async () => {
  while (open) {
    const t0 = performance.now();
    try {
      const res = await fetch(url);
      await res.text();
      if (res.status === 200) latencies.push(performance.now() - t0); else failed++;
    } catch { failed++; }
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify({ latencies, failed }));
})();
`;

function zip(entries: [string, Buffer][]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, content] of entries) z.addBuffer(content, name);
  z.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

const post = (files: { name: string; bytes: Buffer }[]) => {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  return fetch(`${server.base}/api/imports`, { method: 'POST', headers: editor, body: form });
};

describe('memory under attack (issue 32)', () => {
  it('a zip of ten 49 MB entries: refused, memory within +300 MB, the ranking answering', async () => {
    const zeros = Buffer.alloc(49 * 1024 * 1024);
    const bomb = await zip(Array.from({ length: 10 }, (_, i) => [`${i}.txt`, zeros] as [string, Buffer]));
    const r = await underAttack('zip bomb (10 × 49 MB entries, a 500 KB zip)', () => post([{ name: '炸弹.zip', bytes: bomb }]));
    expect(r.status).toBe(400);
    expect(r.peak - r.idle).toBeLessThan(300);
    expect(r.answered).toBeGreaterThan(0);
  }, 120_000);

  it('five 45 MB text files in one upload: refused, memory within +300 MB', async () => {
    const big = Buffer.alloc(45 * 1024 * 1024, 0x41);
    const r = await underAttack('5 × 45 MB .txt in one upload', () =>
      post(Array.from({ length: 5 }, (_, i) => ({ name: `大${i}.txt`, bytes: big }))),
    );
    expect(r.status).toBe(413);
    expect(r.peak - r.idle).toBeLessThan(300);
  }, 120_000);

  it('a 48 MB web page: refused for what it is as it arrives, memory within +300 MB', async () => {
    const page = Buffer.concat([Buffer.from('<html><body><table>'), Buffer.alloc(48 * 1024 * 1024, '<tr><td>1</td></tr>')]);
    const r = await underAttack('a 48 MB .html', async () => {
      const res = await post([{ name: '巨大.html', bytes: page }]);
      const { jobs } = (await res.json()) as { jobs: { stage: string; result?: { reason?: { zh: string } } }[] };
      // refused as it arrives: a failed job, its bytes never stored
      return new Response(jobs[0]?.result?.reason?.zh ?? '', { status: jobs[0]?.stage === 'failed' ? 200 : 500 });
    });
    expect([r.status, r.body]).toEqual([
      200,
      '网页文件有 48.0 MB，超过 10 MB：一份年度报告的网页文件远没有这么大，这不像一份年度报告',
    ]);
    expect(r.peak - r.idle).toBeLessThan(300);
  }, 120_000);
});
