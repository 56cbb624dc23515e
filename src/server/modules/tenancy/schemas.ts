import { z } from 'zod';
import { personalDataRoleChoices } from '../../db/schema/values.js';
import { Id, IsoDate, Name } from '../../http/schemas.js';

const Code = z.string().trim().min(1).max(20);
const Meta = { id: Id, version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

const PersonalDataRoles = z
  .array(z.enum(personalDataRoleChoices))
  .max(personalDataRoleChoices.length)
  .refine((r) => new Set(r).size === r.length, 'Each role once')
  .describe("Roles that may see a CPR number in clear in matching (department roles in the system's department only)");

export const Municipality = z
  .object({
    ...Meta,
    slug: z.string(),
    name: z.string(),
    language: z.enum(['da', 'sv', 'en']),
    vocabulary: z.enum(['DK', 'SE']),
    currency: z.enum(['DKK', 'SEK']),
    timeZone: z.string().describe('IANA time zone whose calendar decides "today" (overdue, due dates)'),
    personalDataRoles: z.array(z.enum(personalDataRoleChoices)),
    actions: z.object({ update: z.boolean() }).describe('What the caller may do with the settings now'),
  })
  .meta({ id: 'Municipality' });
export const MunicipalityPatch = z
  .object({
    name: Name,
    language: z.enum(['da', 'sv', 'en']),
    vocabulary: z.enum(['DK', 'SE']),
    currency: z.enum(['DKK', 'SEK']),
    timeZone: z.string().trim().min(1).max(64),
    personalDataRoles: PersonalDataRoles,
  })
  .partial();
export type MunicipalityT = z.infer<typeof Municipality>;
export type MunicipalityPatchT = z.infer<typeof MunicipalityPatch>;

export const CommitteeInput = z.object({ code: Code, name: Name });
export const Committee = z.object({ ...Meta, code: z.string(), name: z.string() }).meta({ id: 'Committee' });

export const DepartmentInput = z.object({
  code: Code,
  name: Name,
  committeeId: Id.nullish(),
  /** The head of department, whom overdue reminders escalate to: by the user when given, else by e-mail. */
  headName: Name.nullish(),
  headEmail: z.email().max(254).nullish(),
  headUserId: Id.nullish(),
});
export const Department = z
  .object({
    ...Meta,
    code: z.string(),
    name: z.string(),
    committeeId: Id.nullable(),
    headName: z.string().nullable(),
    headEmail: z.string().nullable(),
    headUserId: Id.nullable(),
  })
  .meta({ id: 'Department' });

export const UserInput = z.object({
  name: Name,
  email: z.email().max(254),
  title: Name.nullish(),
  departmentId: Id.nullish(),
  active: z.boolean().default(true),
  /** The user's language; null or absent follows the municipality's. */
  language: z.enum(['da', 'sv', 'en']).nullish(),
});
export const User = z
  .object({
    ...Meta,
    name: z.string(),
    email: z.string(),
    title: z.string().nullable(),
    departmentId: Id.nullable(),
    active: z.boolean(),
    language: z.enum(['da', 'sv', 'en']).nullable(),
  })
  .meta({ id: 'User' });

export const MeetingInput = z.object({
  body: Name,
  committeeId: Id.nullish(),
  heldOn: IsoDate,
  agendaItem: z.string().trim().max(100).nullish(),
  caseNumber: z.string().trim().max(100).nullish(),
});
export const Meeting = z
  .object({ ...Meta, body: z.string(), committeeId: Id.nullable(), heldOn: z.string(), agendaItem: z.string().nullable(), caseNumber: z.string().nullable() })
  .meta({ id: 'Meeting' });

export type CommitteeT = z.infer<typeof Committee>;
export type DepartmentT = z.infer<typeof Department>;
export type UserT = z.infer<typeof User>;
export type MeetingT = z.infer<typeof Meeting>;
