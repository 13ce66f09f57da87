// Second webview bundle (dist/math.js): KaTeX, loaded by mathLoader.ts only when an answer
// holds math, so a panel without math does not parse it. It hands KaTeX's renderer to the
// main bundle through one global the loader reads once the script has run.

import katex from 'katex';
import { mathEngineGlobal, type MathEngineHolder } from './mathEngine';

(globalThis as MathEngineHolder)[mathEngineGlobal] = { renderToString: (tex, options) => katex.renderToString(tex, options) };
