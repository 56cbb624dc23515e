import { z } from 'zod';
import { Id, IsoDate, Name } from '../../http/schemas.js';

const Code = z.string().trim().min(1).max(20);
const Meta = { id: Id, version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

export const Municipality = z
  .object({ ...Meta, slug: z.string(), name: z.string(), language: z.enum(['da', 'sv', 'en']), vocabulary: z.enum(['DK', 'SE']), currency: z.enum(['DKK', 'SEK']) })
  .meta({ id: 'Municipality' });
export const MunicipalityPatch = z
  .object({ name: Name, language: z.enum(['da', 'sv', 'en']), vocabulary: z.enum(['DK', 'SE']), currency: z.enum(['DKK', 'SEK']) })
  .partial();

export const CommitteeInput = z.object({ code: Code, name: Name });
export const Committee = z.object({ ...Meta, code: z.string(), name: z.string() }).meta({ id: 'Committee' });

export const DepartmentInput = z.object({ code: Code, name: Name, committeeId: Id.nullish() });
export const Department = z.object({ ...Meta, code: z.string(), name: z.string(), committeeId: Id.nullable() }).meta({ id: 'Department' });

export const UserInput = z.object({
  name: Name,
  email: z.email().max(254),
  title: Name.nullish(),
  departmentId: Id.nullish(),
  active: z.boolean().default(true),
});
export const User = z
  .object({ ...Meta, name: z.string(), email: z.string(), title: z.string().nullable(), departmentId: Id.nullable(), active: z.boolean() })
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
