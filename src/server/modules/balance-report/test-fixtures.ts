/**
 * The BIF accounts of bif-balance-2024.json as the register takes them. The fixture gives each
 * item's older-than-one-year part; the register takes dates (and dated parts) and computes that
 * part item by item, so each item gets dates that give back the fixture's figure.
 */
import bif from '../../../domain/fixtures/bif-balance-2024.json' with { type: 'json' };
import { kronerToOre } from '../../../domain/money.js';

export type BifAccount = (typeof bif.accounts)[number];

export function bifRegisterItems(account: BifAccount) {
  return account.items.map((i) => {
    const amountOre = kronerToOre(i.amountKr);
    const olderOre = 'olderKr' in i && typeof i.olderKr === 'number' ? kronerToOre(i.olderKr) : 0;
    if (olderOre === 0) return { text: 'Åben post', amountOre, originDate: '2024-11-30' };
    if (olderOre === amountOre) return { text: 'Gammel post', amountOre, originDate: '2023-06-30' };
    return {
      text: 'Delvis gammel post',
      amountOre,
      originDate: '2023-09-30',
      parts: [
        { amountOre: olderOre, originDate: '2023-09-30' },
        { amountOre: amountOre - olderOre, originDate: '2024-05-31' },
      ],
    };
  });
}
