import { demoMunicipalities, seedDemo } from '../../server/demo/seed.js';
import { UsageError, withDatabase, type Command } from '../command.js';

const demoSlugs = demoMunicipalities.map((m) => m.slug);

export const seed: Command = {
  name: 'seed',
  help: `Usage: tilsyn seed --demo [--only <slug>]...

Loads the demo municipalities (${demoSlugs.join(', ')}) into the database, each in one
transaction. Refuses, and changes nothing, when one of them already exists.

Options:
  --demo          load the demo data (required: the only kind of seed data)
  --only <slug>   load only this demo municipality; repeat it or separate slugs with commas`,
  options: { demo: { type: 'boolean' }, only: { type: 'string', multiple: true } },
  positionals: { min: 0, max: 0 },
  async run(values) {
    if (!values.demo) throw new UsageError('say what to seed: --demo', 'seed');
    const only = (values.only as string[] | undefined)
      ?.flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    const unknown = (only ?? []).filter((slug) => !demoSlugs.includes(slug));
    if (unknown.length) throw new UsageError(`no demo municipality named ${unknown.join(', ')}; choose from ${demoSlugs.join(', ')}`, 'seed');
    const { seeded } = await withDatabase((engine) => seedDemo(engine, only ? { only } : {}));
    process.stderr.write(`Loaded the demo municipalities: ${seeded.join(', ')}\n`);
    return 0;
  },
};
