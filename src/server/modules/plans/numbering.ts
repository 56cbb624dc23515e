const LETTERED = /^(\d+)([A-Za-z]+)$/;

/**
 * New measure numbers "1, 2, 3" for measures in their new order. Sub-measures keep their letter
 * group: consecutive measures that share a numeric prefix with letters (2A, 2B) share one new
 * number and keep their letters, so [2A, 2B, 1, 3] becomes [1A, 1B, 2, 3].
 */
export function renumber(numbers: readonly string[]): string[] {
  let counter = 0;
  let groupPrefix: string | null = null;
  return numbers.map((number) => {
    const lettered = LETTERED.exec(number);
    if (!lettered) {
      groupPrefix = null;
      return String(++counter);
    }
    const [, prefix, letters] = lettered;
    if (prefix !== groupPrefix) {
      groupPrefix = prefix!;
      counter++;
    }
    return `${counter}${letters}`;
  });
}
