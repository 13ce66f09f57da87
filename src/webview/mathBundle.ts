// Second webview bundle (dist/math.js): KaTeX, loaded by mathLoader.ts only when an answer
// holds math, so a panel without math does not parse it. It hands KaTeX's renderer to the
// main bundle through one global the loader reads once the script has run.
//
// KaTeX is built from its source with its MathML output only (scripts/mathBuild.mjs), so the
// output is always MathML whatever the caller's options say.

import { renderToString } from 'katex';
import { mathEngineGlobal, type MathEngineHolder } from './mathEngine';

(globalThis as MathEngineHolder)[mathEngineGlobal] = { renderToString: (tex, options) => renderToString(tex, { ...options, output: 'mathml' }) };
