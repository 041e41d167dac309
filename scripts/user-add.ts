/**
 * `npm run user:add -- NAME --role admin|editor|viewer [--password-stdin]`: creates an account or
 * sets its role and password. On a terminal the password is asked for twice and not echoed; piped
 * in (or with --password-stdin) its first line is the password, and a second line, if there is one,
 * must repeat it (`printf 'pw\npw\n' | …` as `passwd` takes it). The password is never printed or
 * logged. Messages are in Chinese, the English after them for logs.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem, ROLES, type Role } from '../server/auth/passwords';
import { loadEnv } from '../server/config/env';
import { closeDatabase, openDatabase } from '../server/db/client';
import { saveUser } from '../server/queries/accounts/users';
import { ROLE_LABELS } from '../shared/roles';

export interface UserAddIo {
  /** Standard input is a terminal: ask twice. */
  interactive: boolean;
  readStdin: () => Promise<string>;
  ask: (prompt: string) => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
  databaseUrl: string;
  actor: string;
}

const USAGE = `用法：npm run user:add -- 用户名 --role ${ROLES.join('|')} [--password-stdin]（${ROLES.map((r) => `${r} ${ROLE_LABELS[r]}`).join('，')}）\nusage: npm run user:add -- NAME --role ${ROLES.join('|')} [--password-stdin]`;

/** The password from piped input: its first line; a second non-empty line must be the same. */
export function pipedPassword(input: string): { password: string } | { problem: string } {
  const [first = '', second = ''] = input.split(/\r?\n/);
  if (second !== '' && second !== first) return { problem: '两次输入的密码不一致' };
  return { password: first };
}

/** Runs the command; returns its exit code (0 saved, 1 refused, 2 wrong arguments). */
export async function userAdd(argv: string[], io: UserAddIo): Promise<number> {
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: 'string', default: 'viewer' }, 'password-stdin': { type: 'boolean', default: false } },
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (e) {
    io.err(`${USAGE}\n(${(e as Error).message})`);
    return 2;
  }
  const name = parsed.positionals.filter((p) => p !== '--')[0]?.trim();
  const role = parsed.values.role as Role;
  if (!name || !ROLES.includes(role)) {
    io.err(USAGE);
    return 2;
  }

  let password: string;
  if (parsed.values['password-stdin'] || !io.interactive) {
    const piped = pipedPassword(await io.readStdin());
    if ('problem' in piped) {
      io.err(`${piped.problem}，未做任何修改\nthe two passwords differ; nothing changed`);
      return 1;
    }
    password = piped.password;
  } else {
    password = await io.ask('密码 / password: ');
    if ((await io.ask('再输入一次 / again: ')) !== password) {
      io.err('两次输入的密码不一致，未做任何修改\nthe two passwords differ; nothing changed');
      return 1;
    }
  }
  const problem = passwordProblem(password, name);
  if (problem) {
    io.err(
      `${problem}；未做任何修改（密码至少 10 个字符，含小写字母、大写字母、数字、其他符号中的至少三类）\npassword refused; nothing changed`,
    );
    return 1;
  }

  const db = await openDatabase(io.databaseUrl);
  try {
    const { created } = await saveUser(
      db,
      { name, role, passwordHash: await hashPassword(password) },
      { actor: io.actor, ip: null },
    );
    io.out(
      `${created ? '已新建' : '已更新'}用户 ${name}，角色：${ROLE_LABELS[role]}（${role}）\nuser ${name} saved with role ${role}`,
    );
    return 0;
  } finally {
    await closeDatabase(db);
  }
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await userAdd(process.argv.slice(2), {
    interactive: Boolean(process.stdin.isTTY),
    readStdin: readAll,
    ask: askHidden,
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    databaseUrl: loadEnv().DATABASE_URL,
    actor: `command line (${userInfo().username})`,
  });
}
