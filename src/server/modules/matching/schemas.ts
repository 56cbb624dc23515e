import { z } from 'zod';
import { matchRulesSchema } from '../../../domain/matching/rules.js';
import { matchingGroupKinds, matchingGroupStatuses, matchingItemStates, matchingRunStates, matchingSides, systemTargets } from '../../db/schema/values.js';
import { Id, Name, Paging, ShortText, MonthText } from '../../http/schemas.js';
import { sourceConfigSchema } from '../../matching/source-config.js';

export const SystemInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, 'A system code is 1-20 letters, digits, _ . or -'),
  name: Name,
  target: z.enum(systemTargets),
  departmentId: Id,
  rules: matchRulesSchema,
  left: sourceConfigSchema,
  right: sourceConfigSchema,
});
export type SystemInputT = z.infer<typeof SystemInput>;
export const SystemPatch = SystemInput.omit({ code: true }).partial();
export type SystemPatchT = z.infer<typeof SystemPatch>;

export const System = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  target: z.enum(systemTargets),
  departmentId: Id,
  rules: matchRulesSchema,
  left: sourceConfigSchema,
  right: sourceConfigSchema,
  version: z.int(),
});
export type SystemT = z.infer<typeof System>;

export const RunQuery = z.object({ systemId: Id.optional(), period: MonthText.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export const RunFields = z.object({ systemId: Id, period: MonthText });

export const Run = z.object({
  id: Id,
  systemId: Id,
  period: z.string(),
  state: z.enum(matchingRunStates),
  phase: z.string().nullable(),
  progress: z.number(),
  /** The rules the run used (the system's at the start, or the CLI's override). */
  rules: matchRulesSchema,
  rulesText: z.array(z.string()),
  left: z.object({ fileName: z.string(), bytes: z.number() }),
  right: z.object({ fileName: z.string(), bytes: z.number() }),
  summary: z.record(z.string(), z.unknown()).nullable(),
  differenceOre: z.int().nullable(),
  error: z
    .object({ code: z.string(), message: z.string(), side: z.string().optional(), line: z.number().optional(), column: z.string().optional() })
    .nullable(),
  systemReconciliationId: Id.nullable(),
  createdAt: z.string(),
  createdBy: Id.nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** A queued run's place in the installation's queue (1: next to start); null when not queued or in a list. */
  queuePosition: z.int().nullable(),
  version: z.int(),
});
export type RunT = z.infer<typeof Run>;

export const Item = z.object({
  id: Id,
  side: z.enum(matchingSides),
  line: z.int(),
  state: z.enum(matchingItemStates),
  groupId: Id.nullable(),
  amountOre: z.int(),
  date: z.string().nullable(),
  caseId: z.string().nullable(),
  account: z.string().nullable(),
  /** Masked: `010190-****`. POST /matching-items/{id}/cpr shows it in clear to those allowed. */
  cpr: z.string().nullable(),
  text: z.string().nullable(),
  carried: z.boolean(),
});
export type ItemT = z.infer<typeof Item>;

/** The item table's sortable columns (the web app's column headers); `-` first for descending. */
export const ITEM_SORT_KEYS = ['line', 'date', 'caseId', 'account', 'amount'] as const;
export type ItemSortKey = (typeof ITEM_SORT_KEYS)[number];
export const ItemQuery = Paging.extend({
  side: z.enum(matchingSides).optional(),
  state: z.enum(matchingItemStates).optional(),
  /** By side and line when absent. */
  sort: z.enum(ITEM_SORT_KEYS.flatMap((k) => [k, `-${k}`]) as [string, ...string[]]).optional(),
});
export const ItemPage = z.object({ items: z.array(Item), total: z.int(), limit: z.int(), offset: z.int(), canUnmask: z.boolean() });
export type ItemPageT = z.infer<typeof ItemPage>;

export const DifferenceQuery = z.object({
  by: z.enum(['account', 'case', 'month']).default('account'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const Differences = z.object({
  by: z.enum(['account', 'case', 'month']),
  rows: z.array(z.object({ key: z.string().nullable(), leftCount: z.int(), rightCount: z.int(), leftOre: z.int(), rightOre: z.int(), differenceOre: z.int() })),
});
export type DifferencesT = z.infer<typeof Differences>;

export const GroupQuery = z.object({ status: z.enum(matchingGroupStatuses).optional() });
export const Group = z.object({
  id: Id,
  kind: z.enum(matchingGroupKinds),
  status: z.enum(matchingGroupStatuses),
  leftOre: z.int(),
  rightOre: z.int(),
  note: z.string().nullable(),
  decidedBy: Id.nullable(),
  decidedAt: z.string().nullable(),
  items: z.array(Item),
  version: z.int(),
});
export type GroupT = z.infer<typeof Group>;
export const GroupParams = z.object({ id: Id, groupId: Id });

export const ManualMatchInput = z.object({ itemIds: z.array(Id).min(2).max(500), note: ShortText.optional() });
export type ManualMatchInputT = z.infer<typeof ManualMatchInput>;

export const Unmasked = z.object({ itemId: Id, cpr: z.string() });
export type UnmaskedT = z.infer<typeof Unmasked>;
/** The three results files a run writes (the pipeline's output, downloadable per run). */
export const RESULT_FILES = ['matched.csv', 'unmatched-left.csv', 'unmatched-right.csv'] as const;
export type ResultFile = (typeof RESULT_FILES)[number];
export const FileParams = z.object({ id: Id, file: z.enum(RESULT_FILES) });
