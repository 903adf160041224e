/**
 * The CSS colours an option may hold (`--accent`): the value is written into a stylesheet, so it is
 * checked against a strict grammar rather than a loose pattern; anything else (a typo such as
 * "banana", a `;`, a `url(…)`) is refused before it reaches CSS. Accepted:
 * - hex: #rgb, #rgba, #rrggbb, #rrggbbaa;
 * - rgb()/rgba()/hsl()/hsla() in the comma syntax, and these and hwb()/lab()/lch()/oklab()/oklch()
 *   in the space syntax with an optional "/ alpha", every argument a number (with % or, for a hue,
 *   an angle unit where CSS allows it);
 * - the CSS named colours and `transparent`.
 */

/** The 148 CSS named colours (CSS Color 4, §6.1). */
const NAMED = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white ' +
    'whitesmoke yellow yellowgreen transparent'
  ).split(' '),
);

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
type Arg = 'number' | 'percent' | 'angle';
/** A CSS <number> (no unit, optional sign, decimals and exponent), bare, as a percentage, or as an angle. */
const ARG: Record<Arg, RegExp> = {
  number: /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?$/i,
  percent: /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?%$/i,
  angle: /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?(?:deg|grad|rad|turn)$/i,
};

/** What each of a function's three components may be; the alpha is a number or a percentage. */
const NUMBER_OR_PERCENT: Arg[] = ['number', 'percent'];
const HUE: Arg[] = ['number', 'angle'];
const FUNCTIONS: Record<string, { components: Arg[][]; commas: boolean }> = {
  rgb: { components: [NUMBER_OR_PERCENT, NUMBER_OR_PERCENT, NUMBER_OR_PERCENT], commas: true },
  hsl: { components: [HUE, NUMBER_OR_PERCENT, NUMBER_OR_PERCENT], commas: true },
  hwb: { components: [HUE, NUMBER_OR_PERCENT, NUMBER_OR_PERCENT], commas: false },
  lab: { components: [NUMBER_OR_PERCENT, NUMBER_OR_PERCENT, NUMBER_OR_PERCENT], commas: false },
  oklab: { components: [NUMBER_OR_PERCENT, NUMBER_OR_PERCENT, NUMBER_OR_PERCENT], commas: false },
  lch: { components: [NUMBER_OR_PERCENT, NUMBER_OR_PERCENT, HUE], commas: false },
  oklch: { components: [NUMBER_OR_PERCENT, NUMBER_OR_PERCENT, HUE], commas: false },
};
const ALIASES: Record<string, string> = { rgba: 'rgb', hsla: 'hsl' };

/** Whether `value` (already trimmed) is a colour of the grammar above. */
export function isCssColor(value: string): boolean {
  if (value.length > 120) return false;
  if (HEX.test(value)) return true;
  const lower = value.toLowerCase();
  if (NAMED.has(lower)) return true;
  const call = /^([a-z]+)\(([^()]*)\)$/.exec(lower);
  if (!call?.[1] || call[2] === undefined) return false;
  const spec = FUNCTIONS[ALIASES[call[1]] ?? call[1]];
  if (!spec) return false;
  const body = call[2].trim();
  let components: string[];
  let alpha: string | undefined;
  if (body.includes(',')) {
    if (!spec.commas || body.includes('/')) return false;
    components = body.split(',').map((part) => part.trim());
    if (components.length === 4) alpha = components.pop();
  } else {
    const [main = '', rest, ...extra] = body.split('/');
    if (extra.length > 0) return false;
    components = main.trim().split(/\s+/);
    if (rest !== undefined) alpha = rest.trim();
  }
  if (components.length !== 3) return false;
  if (alpha !== undefined && !matches(alpha, NUMBER_OR_PERCENT)) return false;
  return components.every((part, i) => matches(part, spec.components[i] ?? []));
}

function matches(part: string, kinds: Arg[]): boolean {
  return kinds.some((kind) => ARG[kind].test(part));
}

/** The accepted forms, for error messages. */
export const CSS_COLOR_FORMS = '#rgb, #rrggbb (or with alpha), a CSS colour name, or rgb()/hsl()/oklch() with numbers';
