/**
 * `npm run user:add -- NAME --role admin|editor|viewer [--password-stdin]`: creates or updates a
 * user. The password is asked for twice on a terminal (not echoed) or read from standard input
 * with --password-stdin; it is never printed or logged.
 */

import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { appendAudit } from '../server/auth/audit';
import { hashPassword, passwordProblem, ROLES, type Role } from '../server/auth/passwords';
import { loadEnv } from '../server/config/env';
import { openDatabase } from '../server/db/client';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string', default: 'viewer' }, 'password-stdin': { type: 'boolean', default: false } },
});
const name = positionals.filter((p) => p !== '--')[0]?.trim();
const role = values.role as Role;
if (!name || !ROLES.includes(role)) {
  console.error(`usage: npm run user:add -- NAME --role ${ROLES.join('|')} [--password-stdin]`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(prompt)) write.call(rl, prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

let password: string;
if (values['password-stdin'] || !process.stdin.isTTY) {
  password = await readStdin();
} else {
  password = await ask('密码 / password: ');
  if ((await ask('再输入一次 / again: ')) !== password) {
    console.error('passwords differ; nothing changed');
    process.exit(1);
  }
}
const problem = passwordProblem(password, name);
if (problem) {
  console.error(
    `${problem}; nothing changed (password rule: at least 10 characters, three of lower case, upper case, digits, other)`,
  );
  process.exit(1);
}

const env = loadEnv();
const db = openDatabase(env.DATABASE_URL);
const hash = await hashPassword(password);
db.$client.transaction(() => {
  const before = db.$client.prepare('select role from users where name = ?').get(name) as { role: string } | undefined;
  // a new password also unlocks an account locked by wrong passwords
  db.$client
    .prepare(
      `insert into users (name, password_hash, role, created_at) values (?, ?, ?, ?)
       on conflict (name) do update set password_hash = excluded.password_hash, role = excluded.role, locked_at = null`,
    )
    .run(name, hash, role, new Date().toISOString());
  db.$client.prepare('delete from sessions where user_id = (select id from users where name = ?)').run(name);
  db.$client.prepare('delete from login_failures where name = ?').run(name);
  appendAudit(db, {
    actor: `command line (${userInfo().username})`,
    ip: null,
    action: 'user.saved',
    target: name,
    detail: { role, previousRole: before?.role ?? null, passwordChanged: true },
  });
})();
db.$client.close();
console.log(`user ${name} saved with role ${role}`);
