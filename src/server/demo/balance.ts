import { itemTotals, parsePeriod, periodEnd, type OpenItem } from '../../domain/reconciliation.js';
import type { Transaction } from '../db/engine.js';
import { accountReconciliations, balanceAccounts, balanceSettings, systemReconciliations } from '../db/schema/index.js';
import { insertStarterChart } from '../modules/balance/service.js';
import { balanceRepository } from '../modules/balance/repository.js';

/**
 * Demo balance register, in the same id-free style as spec.ts: accounts by number, IM functions by
 * code, departments by code, people by e-mail. The employment department's accounts and items are
 * the figures of Copenhagen's 2024 balance report (amounts in øre; texts paraphrased).
 */
export interface DemoBalance {
  materialityThresholdOre: number;
  accounts: {
    number: string;
    name: string;
    im: string;
    department: string;
    reconciler: 'centralService' | 'department';
    reconciliations: {
      period: string;
      ledgerBalanceOre: number;
      category: 1 | 2 | 3;
      subReason: string;
      items?: OpenItem[];
      consequence?: string;
      preparedBy?: string;
      approvedBy?: string;
    }[];
  }[];
  systems: {
    system: string;
    target: 'ledger' | 'debtorSystem';
    period: string;
    department: string;
    differenceOre: number;
    explanation?: string;
    deadline?: string;
  }[];
}

const kr = (n: number) => n * 100;

const copenhagen: DemoBalance = {
  materialityThresholdOre: 100_000,
  accounts: [
    {
      number: '91403000',
      name: 'Restancekonto i KMD-Debitor (tilbagebetalingspligtig kontanthjælp)',
      im: '9.28.14',
      department: 'BIF',
      reconciler: 'department',
      reconciliations: [
        {
          period: '2024-12',
          ledgerBalanceOre: kr(1_512_400),
          category: 2,
          subReason: 'notBookedInNewPeriod',
          items: [
            {
              text: 'Kreditnota i OPUS Debitor ikke driftsbogført via KY (fejlopsætning)',
              amountOre: kr(43_459),
              originDate: '2023-06-30',
              reference: null,
              parts: null,
            },
            {
              text: 'Tilbagebetaling af for meget indbetalt slår ikke igennem til Kvantum',
              amountOre: kr(-28_511),
              originDate: '2023-09-30',
              reference: null,
              parts: [
                { amountOre: kr(-13_544), originDate: '2023-09-30' },
                { amountOre: kr(-14_967), originDate: '2024-05-31' },
              ],
            },
          ],
          consequence: 'Balancen viser et mellemværende med borgerne, som reelt ikke findes.',
          preparedBy: 'lone.vestergaard@kk.example',
          approvedBy: 'mette.lindholm@kk.example',
        },
      ],
    },
    {
      number: '95600016',
      name: 'KSD - modregning af kontanthjælp i sygedagpenge',
      im: '9.52.56',
      department: 'BIF',
      reconciler: 'department',
      reconciliations: [
        {
          period: '2024-12',
          ledgerBalanceOre: kr(-13_371),
          category: 2,
          subReason: 'followUpActionMissing',
          items: [
            { text: '5 sager hvor modregningen også omfattede særlig støtte', amountOre: kr(-13_371), originDate: '2024-10-31', reference: null, parts: null },
          ],
          consequence: 'Kommunen skylder staten beløbet.',
          preparedBy: 'lone.vestergaard@kk.example',
        },
      ],
    },
    {
      number: '95900022',
      name: 'KY - afregning af A-skat, kontanthjælp mfl.',
      im: '9.52.59',
      department: 'BIF',
      reconciler: 'department',
      reconciliations: [
        {
          period: '2024-12',
          ledgerBalanceOre: kr(5_567),
          category: 2,
          subReason: 'notBookedInNewPeriod',
          items: [{ text: '3 sager ikke indberettet til eIndkomst i december', amountOre: kr(5_567), originDate: '2024-12-31', reference: null, parts: null }],
        },
      ],
    },
    {
      number: '92201001',
      name: 'Kontantkasse, jobcentre',
      im: '9.22.01',
      department: 'BIF',
      reconciler: 'centralService',
      reconciliations: [
        // three months in category 1: the account takes part in a risk model run at 2024-12
        { period: '2024-10', ledgerBalanceOre: kr(12_500), category: 1, subReason: 'noRemarks' },
        { period: '2024-11', ledgerBalanceOre: kr(12_000), category: 1, subReason: 'noRemarks' },
        { period: '2024-12', ledgerBalanceOre: kr(11_250), category: 1, subReason: 'timingDifference' },
      ],
    },
    {
      number: '92818001',
      name: 'Selvejende institutioner med overenskomst, mellemregning',
      im: '9.28.18',
      department: 'SOF',
      reconciler: 'department',
      reconciliations: [
        {
          period: '2024-12',
          ledgerBalanceOre: kr(29_080_000),
          category: 3,
          subReason: 'documentationMissing',
          items: [
            {
              text: 'Mellemværende med selvejende institution uden dokumentation',
              amountOre: kr(29_017_000),
              originDate: '2022-12-31',
              reference: null,
              parts: null,
            },
            { text: 'Ikke specificeret difference', amountOre: kr(63_000), originDate: '2024-08-31', reference: null, parts: null },
          ],
        },
      ],
    },
  ],
  systems: [
    {
      system: 'KY',
      target: 'debtorSystem',
      period: '2024-12',
      department: 'BIF',
      differenceOre: kr(30_000),
      explanation: 'Systemdifference fra fagsystemet KY',
      deadline: '2025-06-30',
    },
    { system: 'KY', target: 'ledger', period: '2024-12', department: 'BIF', differenceOre: 0 },
  ],
};

export const demoBalances: Record<string, DemoBalance> = { kobenhavn: copenhagen };

/** Writes a municipality's demo balance register (inside the demo's transaction). */
export async function loadBalanceDemo(
  tx: Transaction,
  mid: string,
  data: DemoBalance,
  departmentIds: Map<string, string>,
  userIds: Map<string, string>,
): Promise<void> {
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`Demo balance data: unknown ${what}`);
    return v;
  };
  await tx.insert(balanceSettings).values({ municipalityId: mid, materialityThresholdOre: data.materialityThresholdOre });
  await insertStarterChart(tx, mid);
  const im = new Map((await balanceRepository.imFunctions(tx, mid)).map((f) => [f.code, f.id]));
  for (const a of data.accounts) {
    const [account] = await tx
      .insert(balanceAccounts)
      .values({
        municipalityId: mid,
        number: a.number,
        name: a.name,
        imFunctionId: need(im.get(a.im), `IM function ${a.im}`),
        departmentId: need(departmentIds.get(a.department), `department ${a.department}`),
        reconciler: a.reconciler,
      })
      .returning();
    for (const r of a.reconciliations) {
      const items = r.items ?? [];
      const totals = itemTotals(items, periodEnd(need(parsePeriod(r.period) ?? undefined, `period ${r.period}`)));
      const preparedBy = r.preparedBy ? need(userIds.get(r.preparedBy), r.preparedBy) : null;
      const approvedBy = r.approvedBy ? need(userIds.get(r.approvedBy), r.approvedBy) : null;
      await tx.insert(accountReconciliations).values({
        municipalityId: mid,
        accountId: account!.id,
        period: r.period,
        ledgerBalanceOre: r.ledgerBalanceOre,
        category: r.category,
        subReason: r.subReason,
        items,
        followUpOre: totals.followUpOre,
        olderThanOneYearOre: totals.olderThanOneYearOre,
        grossOre: totals.grossOre,
        consequence: r.consequence ?? null,
        status: approvedBy ? 'approved' : preparedBy ? 'signedOff' : 'open',
        preparedBy,
        preparedAt: preparedBy ? new Date('2025-01-20T10:00:00Z') : null,
        approvedBy,
        approvedAt: approvedBy ? new Date('2025-01-27T10:00:00Z') : null,
      });
    }
  }
  for (const s of data.systems) {
    await tx.insert(systemReconciliations).values({
      municipalityId: mid,
      system: s.system,
      target: s.target,
      period: s.period,
      departmentId: need(departmentIds.get(s.department), `department ${s.department}`),
      differenceOre: s.differenceOre,
      explanation: s.explanation ?? null,
      deadline: s.deadline ?? null,
    });
  }
}
