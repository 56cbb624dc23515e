import fs from 'node:fs';
import { addMunicipality, checkNewMunicipality, MunicipalitySetupError, type NewMunicipalityInput } from '../../server/modules/tenancy/setup.js';
import { UsageError, withDatabase, type Command } from '../command.js';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${option} is one of ${allowed.join(', ')}`, 'municipality');
  return value as T;
};

export const municipality: Command = {
  name: 'municipality',
  help: `Usage: tilsyn municipality add --slug <slug> --name <name> --admin-email <address>
                             [--vocabulary DK|SE] [--language da|sv|en] [--currency DKK|SEK]
                             [--time-zone <IANA zone>] [--admin-name <name>] [--admin-password-file <file>]

Creates a municipality and its first administrator in one audited transaction, and prints how the
administrator signs in. Example:
  tilsyn municipality add --slug exempelstad --name "Exempelstads kommun" --language sv --vocabulary SE --admin-email it@exempelstad.se

Options:
  --slug <slug>                  the municipality's short name: lower-case letters, digits, hyphens
  --name <name>                  its name as users read it
  --vocabulary DK|SE             Danish (handleplan, revisionsbemærkning) or Swedish (yttrande,
                                 granskning) terms; default DK
  --language da|sv|en            default sv for SE, da for DK
  --currency DKK|SEK             default SEK for SE, DKK for DK
  --time-zone <zone>             whose calendar decides "today"; default Europe/Stockholm for SE,
                                 Europe/Copenhagen for DK
  --admin-email <address>        the administrator's e-mail (their sign-in name)
  --admin-name <name>            the administrator's name (default: the e-mail address)
  --admin-password-file <file>   the administrator's password, the first line of the file; without
                                 it a password is generated and printed once

Everything else (departments, committees, users, materiality, who may see personal data) the
administrator sets in the web app under Settings.`,
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    vocabulary: { type: 'string' },
    language: { type: 'string' },
    currency: { type: 'string' },
    'time-zone': { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-password-file': { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(values, [action]) {
    if (action !== 'add') throw new UsageError(`unknown municipality action "${action}"; the action is: add`, 'municipality');
    for (const required of ['slug', 'name', 'admin-email'] as const) {
      if (typeof values[required] !== 'string' || values[required] === '') throw new UsageError(`--${required} is required`, 'municipality');
    }
    const passwordFile = values['admin-password-file'] as string | undefined;
    let adminPassword: string | undefined;
    if (passwordFile !== undefined) {
      try {
        adminPassword = fs.readFileSync(passwordFile, 'utf8').split(/\r?\n/)[0] ?? '';
      } catch (err) {
        throw new UsageError(
          `cannot read --admin-password-file ${passwordFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
          'municipality',
        );
      }
    }
    const input: NewMunicipalityInput = {
      slug: values.slug as string,
      name: values.name as string,
      vocabulary: oneOf(values.vocabulary, ['DK', 'SE'] as const, 'vocabulary') ?? 'DK',
      language: oneOf(values.language, ['da', 'sv', 'en'] as const, 'language'),
      currency: oneOf(values.currency, ['DKK', 'SEK'] as const, 'currency'),
      timeZone: values['time-zone'] as string | undefined,
      adminEmail: values['admin-email'] as string,
      adminName: values['admin-name'] as string | undefined,
      adminPassword,
    };
    try {
      checkNewMunicipality(input);
      const made = await withDatabase((engine) => addMunicipality(engine, input));
      const lines = [
        `Created municipality ${made.slug} (${input.name}; language ${made.language}, vocabulary ${input.vocabulary}, currency ${made.currency}, time zone ${made.timeZone})`,
        `and its administrator ${input.adminEmail}.`,
        '',
        made.generatedPassword === null
          ? `The administrator signs in with ${input.adminEmail} and the password from ${passwordFile}.`
          : `The administrator signs in with ${input.adminEmail} and this password, shown only now:\n\n    ${made.generatedPassword}\n\nHand it over safely; they should change it at once under "Your account" (/account).`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } catch (err) {
      if (err instanceof MunicipalitySetupError) throw new UsageError(err.message, 'municipality');
      throw err;
    }
  },
};
