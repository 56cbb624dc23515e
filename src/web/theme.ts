import {
  createTheme,
  darken,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  luminance,
  Modal,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type MantineTheme,
  type VariantColorsResolver,
} from '@mantine/core';

/** WCAG 2.1 contrast ratio of two colours (any form Mantine parses). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Normal text needs 4.5:1 (WCAG 1.4.3). */
export const minContrast = 4.5;

/** `color`, darkened in small steps until it reads at 4.5:1 on every one of `backgrounds`. */
export function readableOn(color: string, backgrounds: string[]): string {
  for (let step = 0; step <= 20; step++) {
    const c = step === 0 ? color : darken(color, step * 0.05);
    if (backgrounds.every((bg) => contrast(c, bg) >= minContrast)) return c;
  }
  return '#000000';
}

/**
 * The text colours of the tinted and outlined variants, per palette colour. Mantine writes a
 * light badge or alert in the colour's shade 9 on its shade 1, and an outline one in the primary
 * shade on white: for orange, yellow, green, lime and teal that is below 4.5:1. These are the same
 * hues, darkened just enough, so a warning stays orange and an error red, and readable.
 */
export function readableTextColours(theme: MantineTheme): Record<string, string> {
  const white = theme.white;
  const paper = theme.colors.gray[0]!;
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    // light variant: on its tint (shade 1), its hover (shade 2), and on white where a page repeats it as text
    variables[`--mantine-color-${name}-light-color`] = readableOn(shades[9]!, [shades[1]!, shades[2]!, white]);
    // outline variant and text in the colour (c="orange"): on white and on a striped row
    const text = readableOn(shades[8]!, [white, paper]);
    variables[`--mantine-color-${name}-outline`] = text;
    variables[`--mantine-color-${name}-text`] = text;
  }
  return variables;
}

/**
 * A shade on a tinted or text-only variant (`color="red.9" variant="light"`) makes Mantine paint
 * the background in that shade or cap the text at shade 6, which put red text on red and pale
 * text on white. Those variants are always drawn from the colour's own readable pair instead; a
 * filled variant keeps its shade and gets black or white text, whichever reads better.
 */
export const variantColorResolver: VariantColorsResolver = (input) => {
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const tinted = input.variant === 'light' || input.variant === 'subtle' || input.variant === 'transparent';
  if (parsed.isThemeColor && parsed.shade !== undefined && tinted) return defaultVariantColorsResolver({ ...input, color: parsed.color });
  const colours = defaultVariantColorsResolver(input);
  // An outline in a pale shade (green.7) would write pale text: its text and border are darkened as far as needed.
  if (input.variant === 'outline' && parsed.isThemeColor && parsed.shade !== undefined) {
    const text = readableOn(parsed.value, [input.theme.white, input.theme.colors.gray[0]!]);
    return { ...colours, color: text, border: `1px solid ${text}` };
  }
  return colours;
};

/**
 * Shade 9 is the darkest of a colour, the one pages write text in (`c="orange.9"`, a warning's
 * LIX note): in Mantine's palette orange, yellow, green, lime and teal 9 stay below 4.5:1 on white.
 * Here each shade 9 is darkened just enough to read on white and on the colour's own tints.
 */
const readablePalette = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, shades]) => [
    name,
    [...shades.slice(0, 9), readableOn(shades[9]!, [DEFAULT_THEME.white, shades[0]!, shades[1]!, shades[2]!])] as unknown as MantineColorsTuple,
  ]),
);

// A calm, dense work tool: one accent colour, tight spacing, system fonts.
export const theme = createTheme({
  colors: readablePalette,
  primaryColor: 'indigo',
  // Shade 8 keeps links and buttons above 4.5:1 on white (WCAG 1.4.3); the default 6 does not.
  primaryShade: { light: 8, dark: 5 },
  // Filled badges and buttons take black or white text, whichever has the higher contrast on their
  // colour: 0.179 is the luminance where both are equal (orange and yellow get black, red white).
  autoContrast: true,
  luminanceThreshold: 0.179,
  variantColorResolver,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
});

/** Mantine's dimmed grey and its red field errors are below 4.5:1 on white; darker shades pass WCAG 1.4.3. */
export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)', ...readableTextColours(t) },
  dark: {},
});

/** What depends on the language: a dialog's close button is named in it (a page may still name it itself). */
export function localizedTheme(closeLabel: string) {
  return createTheme({
    ...theme,
    components: { Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }) },
  });
}
