import { describe, expect, it } from 'vitest';
import { VOCABULARIES, type Locale } from '../../domain/i18n.js';
import { notificationKinds, type NotificationKind } from '../db/schema/values.js';
import { notificationText, type NotificationParams } from '../modules/notifications/texts.js';
import { escapeHtml, renderDigestMail, renderNotificationMail, type MailItem } from './templates.js';

/**
 * Every notification kind's mail (and app text: they are one), rendered from params shaped as
 * their writers write them, in da/sv/en and both vocabularies: a sentence with no placeholder
 * left, no "undefined", the due date where there is one, the municipality's word for a finding,
 * and never a confidential finding's title. The param shapes copy the writers:
 * modules/notifications/events.ts (findingParams, departmentParams and each event),
 * modules/reminders/due.ts (notificationsFor; the due date on the row only) and
 * modules/matching/execution.ts (system, period, differenceOre); events.test.ts and
 * reminders.test.ts check that those writers write them so.
 */
const LOCALES: Locale[] = ['da', 'sv', 'en'];
const SECRET = 'Hemmelig sag om ansat';
const DUE = '2027-03-31';
const DUE_TEXT: Record<Locale, string> = { da: '31. marts 2027', sv: '31 mars 2027', en: '31 March 2027' };
const FINDING_WORD = { DK: { da: 'bemærkning', sv: 'anmärkning', en: 'finding' }, SE: { da: 'iakttagelse', sv: 'iakttagelse', en: 'observation' } } as const;

interface Case {
  name: string;
  kind: NotificationKind;
  params: NotificationParams;
  /** The row's due date. */
  dueOn: string | null;
  /** The title the params carry when the finding is not confidential. */
  publicTitle?: boolean;
}

// events.ts: the finding's number and year, its title only when not confidential; the department's code and name
const finding = (confidential: boolean): NotificationParams => ({
  findingNumber: 3,
  findingYear: 2026,
  ...(confidential ? {} : { findingTitle: SECRET }),
});
const department = { department: 'BUF', departmentName: 'Børne- og Ungdomsforvaltningen' };

// reminders/due.ts: bookkeeping params, the department by code and name, the finding (null for a round), then the event's own
const reminder = (
  about: 'plan' | 'round' | 'measure' | 'answer',
  daysOverdue: number,
  confidential: boolean,
  own: NotificationParams,
  escalation?: { step: string; level: number; headName?: string },
): NotificationParams => ({
  on: '2027-02-20',
  about,
  step: escalation?.step ?? 'departmentCoordinator',
  daysOverdue,
  level: escalation ? escalation.level : null,
  departmentCode: 'BUF',
  departmentName: 'Børne- og Ungdomsforvaltningen',
  findingNumber: about === 'round' ? null : 3,
  findingYear: about === 'round' ? null : 2026,
  findingTitle: about === 'round' || confidential ? null : SECRET,
  ...(escalation?.step === 'departmentHead' ? { headName: escalation.headName ?? null } : {}),
  ...own,
});

function cases(confidential: boolean): Case[] {
  const f = finding(confidential);
  const pub = !confidential;
  const round = { roundName: 'Status februar 2027', dueOn: DUE };
  const escalate = { step: 'departmentHead', level: 1, headName: 'Birthe Bach' };
  return [
    { name: 'planRequested', kind: 'planRequested', params: { ...f, ...department, dueOn: DUE }, dueOn: DUE, publicTitle: pub },
    { name: 'planSubmitted', kind: 'planSubmitted', params: { ...f, ...department }, dueOn: null, publicTitle: pub },
    { name: 'planReturned', kind: 'planReturned', params: { ...f, ...department }, dueOn: null, publicTitle: pub },
    { name: 'planApproved', kind: 'planApproved', params: { ...f, ...department, revision: 2 }, dueOn: null, publicTitle: pub },
    { name: 'roundOpened', kind: 'roundOpened', params: { ...round, department: 'BUF', departmentName: 'Børne- og Ungdomsforvaltningen' }, dueOn: DUE },
    { name: 'answerSubmitted', kind: 'answerSubmitted', params: { ...round, ...department }, dueOn: null },
    { name: 'answerReturned', kind: 'answerReturned', params: { ...round, ...department }, dueOn: null },
    { name: 'answerAccepted', kind: 'answerAccepted', params: { ...round, ...department }, dueOn: null },
    { name: 'findingClosed', kind: 'findingClosed', params: { ...f, ...department }, dueOn: null, publicTitle: pub },
    { name: 'findingReopened', kind: 'findingReopened', params: { ...f, ...department }, dueOn: null, publicTitle: pub },
    { name: 'planDueSoon', kind: 'planDueSoon', params: reminder('plan', -7, confidential, {}), dueOn: DUE, publicTitle: pub },
    { name: 'planOverdue', kind: 'planOverdue', params: reminder('plan', 36, confidential, {}), dueOn: DUE, publicTitle: pub },
    { name: 'roundDueSoon', kind: 'roundDueSoon', params: reminder('round', 0, confidential, { roundName: 'Status februar 2027' }), dueOn: DUE },
    { name: 'roundOverdue', kind: 'roundOverdue', params: reminder('round', 12, confidential, { roundName: 'Status februar 2027' }), dueOn: DUE },
    { name: 'measureDueSoon', kind: 'measureDueSoon', params: reminder('measure', -1, confidential, { measureNumber: '2' }), dueOn: DUE, publicTitle: pub },
    { name: 'measureOverdue', kind: 'measureOverdue', params: reminder('measure', 5, confidential, { measureNumber: '2' }), dueOn: DUE, publicTitle: pub },
    ...(['reply', 'yttrande', 'uppfoljandeYttrande'] as const).flatMap((answerKind): Case[] => [
      {
        name: `answerDueSoon ${answerKind}`,
        kind: 'answerDueSoon',
        params: reminder('answer', -7, confidential, { answerKind }),
        dueOn: DUE,
        publicTitle: pub,
      },
      {
        name: `answerOverdue ${answerKind}`,
        kind: 'answerOverdue',
        params: reminder('answer', 3, confidential, { answerKind }),
        dueOn: DUE,
        publicTitle: pub,
      },
    ]),
    ...(['plan', 'measure', 'answer'] as const).map((about): Case => ({
      name: `escalation ${about}`,
      kind: 'escalation',
      params: reminder(about, 31, confidential, about === 'measure' ? { measureNumber: '2' } : about === 'answer' ? { answerKind: 'reply' } : {}, escalate),
      dueOn: DUE,
      publicTitle: pub,
    })),
    {
      name: 'escalation round',
      kind: 'escalation',
      params: reminder('round', 31, confidential, { roundName: 'Status februar 2027' }, { step: 'centralCoordinator', level: 2 }),
      dueOn: DUE,
    },
    { name: 'matchingRunFinished', kind: 'matchingRunFinished', params: { system: 'KMD', period: '2027-01', differenceOre: 123_456 }, dueOn: null },
    { name: 'matchingRunFinished even', kind: 'matchingRunFinished', params: { system: 'KMD', period: '2027-01', differenceOre: 0 }, dueOn: null },
    { name: 'matchingRunFinished short', kind: 'matchingRunFinished', params: { system: 'KMD', period: '2027-01', differenceOre: -5_000 }, dueOn: null },
    { name: 'matchingRunFailed', kind: 'matchingRunFailed', params: { system: 'KMD', period: '2027-01' }, dueOn: null },
    // a run whose system is gone writes an empty code
    { name: 'matchingRunFailed no system', kind: 'matchingRunFailed', params: { system: '', period: '2027-01' }, dueOn: null },
  ];
}

const item = (c: Case): MailItem => ({ kind: c.kind, params: c.params, url: 'https://tilsyn.example.dk/plans/1', dueOn: c.dueOn });

/** What a reader must never see: a placeholder, a missing value, doubled or stray spacing. */
function expectClean(text: string, where: string) {
  expect(text, where).not.toMatch(/[{}]/);
  expect(text, where).not.toMatch(/undefined|null|NaN|\[object/);
  expect(text, where).not.toMatch(/ {2}| [.,;:)]|\( |\.\./);
}

describe('the notification mails', () => {
  it('cover every kind, with params as their writers write them', () => {
    expect(new Set(cases(false).map((c) => c.kind))).toEqual(new Set(notificationKinds));
  });

  for (const confidential of [false, true])
    for (const c of cases(confidential))
      it(`${c.name}${confidential ? ' (confidential finding)' : ''}: a full sentence in da/sv/en and both vocabularies`, () => {
        for (const locale of LOCALES)
          for (const vocabulary of VOCABULARIES) {
            const where = `${c.name} ${locale} ${vocabulary}`;
            const words = notificationText(locale, c.kind, c.params, vocabulary, c.dueOn);
            expectClean(words.title, where);
            expectClean(words.body, where);
            expect(words.title.length, where).toBeGreaterThan(5);
            expect(words.body, where).toMatch(/^\p{Lu}.{15,}\.$/u);
            expect(words.title, where).toMatch(/^\p{Lu}/u);

            const mail = renderNotificationMail({ locale, vocabulary, municipality: 'Testby Kommune', item: item(c), unsubscribeUrl: null });
            expect(mail.subject, where).toBe(`${words.title} – Testby Kommune`);
            expect(mail.text, where).toContain(words.body);
            expect(mail.html, where).toContain(escapeHtml(words.body));
            for (const part of [mail.subject, mail.text, mail.html]) expect(part, where).not.toMatch(/[{}]|undefined/);

            const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
            if (confidential) expect(all, where).not.toContain(SECRET);
            else if (c.publicTitle) expect(words.title + words.body, where).toContain(SECRET);
            if (c.params.findingNumber) expect(`${words.title} ${words.body}`.toLowerCase(), where).toContain(`${FINDING_WORD[vocabulary][locale]} 3`);
            // the reminders keep the due date on the row: the sentence says it all the same
            if (c.dueOn && !['answerSubmitted', 'answerReturned', 'answerAccepted'].includes(c.kind)) expect(words.body, where).toContain(DUE_TEXT[locale]);
          }
      });

  it('reads as intended', () => {
    const text = (locale: Locale, name: string, vocabulary: 'DK' | 'SE' = 'DK') => {
      const c = cases(true).find((x) => x.name === name)!;
      const w = notificationText(locale, c.kind, c.params, vocabulary, c.dueOn);
      return `${w.title} | ${w.body}`;
    };
    expect(text('da', 'planDueSoon')).toBe(
      'Handleplanens frist nærmer sig for bemærkning 3 (2026) | Handleplanen for bemærkning 3 (2026) (Børne- og Ungdomsforvaltningen) skal indsendes senest 31. marts 2027 (om 7 dage).',
    );
    expect(text('sv', 'measureDueSoon', 'SE')).toBe(
      'Åtgärd närmar sig sista dag: 2 | Åtgärd 2 om iakttagelse 3 (2026) ska vara genomförd senast 31 mars 2027 (om 1 dag).',
    );
    expect(text('da', 'roundDueSoon')).toBe(
      'Rundens frist nærmer sig: Status februar 2027 | Statusmeldingen i Status februar 2027 (Børne- og Ungdomsforvaltningen) skal indsendes senest 31. marts 2027 (i dag).',
    );
    expect(text('sv', 'answerOverdue yttrande', 'SE')).toBe(
      'Yttrande försenat om iakttagelse 3 (2026) | Yttrandet om iakttagelse 3 (2026) är inte lämnat (sista dag 31 mars 2027).',
    );
    expect(text('en', 'escalation measure')).toBe(
      'Escalation: overdue (Børne- og Ungdomsforvaltningen) | Measure 2 on finding 3 (2026) (Børne- og Ungdomsforvaltningen) is overdue by 31 days (due 31 March 2027) and is passed on to you.',
    );
    expect(text('sv', 'escalation answer', 'SE')).toBe(
      'Eskalering: sista dag passerad (Børne- og Ungdomsforvaltningen) | Svaret till revisionen om iakttagelse 3 (2026) (Børne- og Ungdomsforvaltningen) är försenat med 31 dagar (sista dag 31 mars 2027) och skickas vidare till dig.',
    );
    expect(text('da', 'escalation round')).toBe(
      'Eskalering: frist overskredet (Børne- og Ungdomsforvaltningen) | Statusmeldingen i Status februar 2027 (Børne- og Ungdomsforvaltningen) er over fristen med 31 dage (frist 31. marts 2027) og sendes videre til dig.',
    );
    expect(text('da', 'matchingRunFinished')).toBe('Afstemningskørsel færdig: KMD | Afstemningskørslen (KMD, januar 2027) er færdig; difference 1.234,56 kr.');
    expect(text('sv', 'matchingRunFinished even')).toBe('Avstämningskörning klar: KMD | Avstämningskörningen (KMD, januari 2027) är klar; ingen differens.');
    expect(text('en', 'matchingRunFinished short')).toBe(
      'Matching run finished: KMD | The matching run (KMD, January 2027) has finished; difference -50.00 kr.',
    );
    expect(text('en', 'matchingRunFailed no system')).toBe('Matching run failed | The matching run (January 2027) failed. See the run for the reason.');
  });

  it('gathers every kind into one digest: each title, its sentence and its link', () => {
    const all = [...cases(false), ...cases(true)];
    for (const locale of LOCALES)
      for (const vocabulary of VOCABULARIES) {
        const mail = renderDigestMail({
          locale,
          vocabulary,
          municipality: 'Testby Kommune',
          frequency: 'weekly',
          items: all.map(item),
          unsubscribeUrl: 'https://tilsyn.example.dk/api/v1/mail/unsubscribe?token=x',
        });
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/[{}]|undefined/);
        expect(mail.subject).toContain(String(all.length));
        for (const c of all) {
          const words = notificationText(locale, c.kind, c.params, vocabulary, c.dueOn);
          expect(mail.text).toContain(`* ${words.title}\n  ${words.body}\n`);
          expect(mail.html).toContain(escapeHtml(words.body));
        }
        const secret = renderDigestMail({
          locale,
          vocabulary,
          municipality: 'Testby Kommune',
          frequency: 'daily',
          items: cases(true).map(item),
          unsubscribeUrl: null,
        });
        expect(`${secret.subject}${secret.text}${secret.html}`).not.toContain(SECRET);
      }
  });

  it('fails on a text that leaves a placeholder', () => {
    expect(() => expectClean('Handleplan for {findingNumber}', 'example')).toThrow();
  });
});
