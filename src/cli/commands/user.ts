import readline from 'node:readline';
import { Writable } from 'node:stream';
import { roles } from '../../server/db/schema/values.js';
import { addLocalUser, checkLocalUserInput, UserSetupError } from '../../server/modules/access/bootstrap.js';
import { UsageError, withDatabase, type Command } from '../command.js';

/** The password: asked for without echo on a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    let muted = false;
    const output = new Writable({
      write(chunk, _enc, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
    const ask = (q: string) =>
      new Promise<string>((resolve) => {
        rl.question(q, (answer) => {
          process.stderr.write('\n');
          resolve(answer);
        });
        muted = true;
      });
    try {
      const first = await ask('Password: ');
      muted = false;
      const again = await ask('Repeat the password: ');
      if (first !== again) throw new UsageError('the passwords differ', 'user');
      return first;
    } finally {
      rl.close();
    }
  }
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

export const user: Command = {
  name: 'user',
  help: `Usage: tilsyn user add --email <address> --role <role> [--name <name>] [--department <code>] [--municipality <slug>]

Creates a local user who signs in with e-mail and password. The password is asked for (twice,
without echo) on a terminal, or read from the first line of stdin:
  echo "$ADMIN_PASSWORD" | tilsyn user add --email it@kommune.dk --role admin

On a database without municipalities the municipality is created (slug from --municipality,
default "kommune"; name, language and vocabulary can be changed afterwards in the settings).
On a database that has municipalities --municipality must name one of them; a new one is created
with "tilsyn municipality add".

Roles: ${roles.join(', ')}. departmentCoordinator and measureOwner are held in a
department (--department BUF); the others are municipality-wide.`,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    municipality: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(values, positionals) {
    if (positionals[0] !== 'add') throw new UsageError(`unknown subcommand "${positionals[0]}"; use "user add"`, 'user');
    const email = values.email as string | undefined;
    const role = values.role as string | undefined;
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError('give the e-mail address: --email name@example.dk', 'user');
    if (!role || !(roles as readonly string[]).includes(role)) throw new UsageError(`give the role: --role ${roles.join('|')}`, 'user');
    const password = await readPassword();
    const input = {
      email,
      role: role as (typeof roles)[number],
      password,
      name: values.name as string | undefined,
      department: values.department as string | undefined,
      municipality: values.municipality as string | undefined,
    };
    try {
      checkLocalUserInput(input);
      const result = await withDatabase((engine) => addLocalUser(engine, input));
      process.stderr.write(`Added ${email} as ${role}${result.createdMunicipality ? ' (and created the municipality)' : ''}\n`);
      return 0;
    } catch (err) {
      if (err instanceof UserSetupError) throw new UsageError(err.message, 'user');
      throw err;
    }
  },
};
