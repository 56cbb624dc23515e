import type { MatchRules } from '../../../domain/matching/rules.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { fieldError, invalid, notFound, type FieldError } from '../../http/problem.js';
import type { SourceConfig } from '../../matching/source-config.js';
import { tenancyReads } from '../tenancy/reads.js';
import { matchingRepository as repo, type RunRow, type SystemRow } from './repository.js';

/* Finding and checking what a request names: shared by the matching use cases. */

/** The municipality's setting of who may see personal data (tenancy owns it). */
export const personalDataRoles = async (ex: Executor, actor: Actor) => (await tenancyReads.municipality(ex, actor.municipalityId))?.personalDataRoles ?? [];

export const sealContext = (mid: string, itemId: string) => `cpr:${mid}:${itemId}`;

export async function requireSystem(ex: Executor, actor: Actor, id: string): Promise<SystemRow> {
  const s = await repo.system(ex, actor.municipalityId, id);
  if (!s) throw notFound('matchingSystem', id);
  return s;
}
export async function requireRun(ex: Executor, actor: Actor, id: string): Promise<RunRow> {
  const r = await repo.run(ex, actor.municipalityId, id);
  if (!r) throw notFound('matchingRun', id);
  return r;
}

export function needsKey(s: { leftSource: unknown; rightSource: unknown }): boolean {
  return Boolean((s.leftSource as SourceConfig).columns.cpr || (s.rightSource as SourceConfig).columns.cpr);
}

export function checkSystemInput(input: { rules: MatchRules; left: SourceConfig; right: SourceConfig }, prefix = 'body') {
  const errors: FieldError[] = [];
  const fields = new Set([...input.rules.key, ...input.rules.groupKey]);
  for (const side of ['left', 'right'] as const) {
    for (const f of fields) {
      if (!input[side].columns[f]) {
        errors.push(fieldError(`${prefix}.${side}.columns.${f}`, 'matching.keyColumnMissing', 'matching.keyColumnMissing', { key: f }));
      }
    }
  }
  if (errors.length) throw invalid(errors);
}
