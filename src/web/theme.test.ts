import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, cssVariables, minContrast, theme, variantColorResolver } from './theme';

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const light = cssVariables(full).light;
/** A CSS value with one level of var(--mantine-color-…) resolved against the palette and our overrides. */
function resolve(value: string): string {
  if (value === 'var(--mantine-color-white)') return full.white;
  if (value === 'var(--mantine-color-black)') return full.black;
  const m = /^var\((--mantine-color-([a-z]+)-(\d|[a-z-]+))\)$/.exec(value);
  if (!m) return value;
  if (light[m[1]!]) return light[m[1]!]!;
  const [, , name, shade] = m;
  if (/^\d$/.test(shade!)) return full.colors[name!]![Number(shade)]!;
  if (shade === 'light') return full.colors[name!]![1]!;
  if (shade === 'filled') return full.colors[name!]![8]!;
  throw new Error(`unresolved ${value}`);
}

describe('the theme', () => {
  // Every palette colour, as a name and with the shades the pages use.
  const colours = Object.keys(full.colors).flatMap((c) => [c, `${c}.7`, `${c}.8`, `${c}.9`]);

  it('reads at 4.5:1 in every variant a badge or alert takes', () => {
    const failures: string[] = [];
    for (const color of colours) {
      for (const variant of ['filled', 'light', 'outline', 'subtle'] as const) {
        const v = variantColorResolver({ color, theme: full, variant });
        const background = v.background === 'transparent' ? full.white : resolve(v.background!);
        const text = resolve(v.color!);
        const ratio = contrast(text, background);
        if (ratio < minContrast) failures.push(`${color} ${variant}: ${text} on ${background} = ${ratio.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('writes text in any colour’s shade 9 (c="orange.9") at 4.5:1 on white and on the colour’s tints', () => {
    const failures = Object.entries(full.colors).flatMap(([name, shades]) =>
      [full.white, shades[0]!, shades[1]!]
        .filter((bg) => contrast(shades[9]!, bg) < minContrast)
        .map((bg) => `${name}.9 on ${bg}: ${contrast(shades[9]!, bg).toFixed(2)}`),
    );
    expect(failures).toEqual([]);
    // and the shades below it are Mantine's own
    expect(full.colors.orange![6]).toBe(DEFAULT_THEME.colors.orange[6]);
  });

  it('keeps a warning orange and an error red, not black', () => {
    // still clearly lighter than black: darkened only as far as 4.5:1 needs
    for (const c of ['red', 'orange', 'yellow', 'green']) expect(contrast(light[`--mantine-color-${c}-light-color`]!, full.black), c).toBeGreaterThan(1.5);
    const [r, g, b] = /rgba?\((\d+), (\d+), (\d+)/.exec(light['--mantine-color-orange-light-color']!)!.slice(1).map(Number) as [number, number, number];
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  it('draws a shaded tint from the colour’s own tint, not from the shade (red.9 light is not red on red)', () => {
    const v = variantColorResolver({ color: 'red.9', theme: full, variant: 'light' });
    expect(v.background).toBe('var(--mantine-color-red-light)');
    expect(v.color).toBe('var(--mantine-color-red-light-color)');
  });
});
