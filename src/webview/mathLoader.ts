// Loads KaTeX (dist/math.js) the first time an answer holds math. The host names the script
// in the main script's `data-math-script` attribute; it is added with the page's nonce, so
// the CSP (`script-src 'nonce-…'`, nothing else) is unchanged. Until it has loaded, math is
// shown as its source (`math-pending`); then those spans are drawn as math. If it cannot load,
// math stays as its source.

import { matchMath } from '../shared/mathDelimiters';
import { mathEngineGlobal, type MathEngineHolder } from './mathEngine';
import { hasMathEngine, onMathEngineWanted, registerMathEngine, renderMathHtml, startMathBlock } from './mathRender';
import { sanitizeToFragment } from './sanitize';
import { t } from '../shared/l10n';

type LoadState = 'idle' | 'loading' | 'loaded' | 'failed';
let state: LoadState = 'idle';

/** Draws every `math-pending` span of `root` as math, now that the engine is there. */
export function drawPendingMath(root: ParentNode = document): number {
  let drawn = 0;
  for (const pending of Array.from(root.querySelectorAll('.math-pending'))) {
    const span = matchMath(pending.textContent ?? '', undefined);
    if (!span) continue;
    // Each was within its block's count when it was drawn pending.
    startMathBlock();
    pending.replaceWith(sanitizeToFragment(renderMathHtml(span)));
    drawn++;
  }
  return drawn;
}

function markFailed(): void {
  state = 'failed';
  onMathEngineWanted(undefined);
  for (const pending of Array.from(document.querySelectorAll('.math-pending'))) {
    pending.classList.remove('math-pending');
    pending.setAttribute('title', t('Math could not be loaded'));
  }
}

function load(src: string, nonce: string): void {
  if (state !== 'idle' || hasMathEngine()) return;
  state = 'loading';
  const script = document.createElement('script');
  script.nonce = nonce;
  script.src = src;
  script.addEventListener('load', () => {
    const engine = (globalThis as MathEngineHolder)[mathEngineGlobal];
    if (!engine) {
      markFailed();
      return;
    }
    registerMathEngine(engine);
    state = 'loaded';
    drawPendingMath();
  });
  script.addEventListener('error', markFailed);
  document.head.append(script);
}

/**
 * Reads where dist/math.js is from the main script's tag; call while the main script runs
 * (document.currentScript is set only then). Without it (tests, the page bench) nothing loads.
 */
export function setUpMathLoading(script: HTMLOrSVGScriptElement | null = document.currentScript): void {
  if (script?.tagName !== 'SCRIPT') return;
  const src = (script as HTMLScriptElement).dataset.mathScript;
  const nonce = script.nonce;
  if (!src || !nonce) return;
  onMathEngineWanted(() => load(src, nonce));
}
