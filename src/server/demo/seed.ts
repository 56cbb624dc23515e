import type { Engine } from '../db/engine.js';

/** Loads the demo municipalities into an empty database. Filled in with the seeder. */
export async function seedDemoIfEmpty(_engine: Engine): Promise<{ seeded: string[] }> {
  return { seeded: [] };
}
