// What the math script (dist/math.js, mathBundle.ts) hands the main bundle: KaTeX's renderer,
// through one global. Kept apart so the math bundle imports nothing else of the view.

/** The part of KaTeX's API the view uses. */
export interface MathEngine {
  renderToString(tex: string, options: Record<string, unknown>): string;
}

export const mathEngineGlobal = '__completionsChatMath';

export interface MathEngineHolder {
  [mathEngineGlobal]?: MathEngine;
}
