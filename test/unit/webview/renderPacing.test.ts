import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import { StreamingRenderer } from '../../../src/webview/streamingRenderer';

const frameMs = 16;

/**
 * A renderer whose renders "take" `renderMs` of a fake clock (as if rendering and the layout
 * after it took that long), streamed one delta per frame; how many of `frames` frames rendered.
 */
function framesRendered(renderMs: number, frames: number): number {
  let clock = 0;
  const manual = new ManualFrames();
  const container = document.createElement('div');
  const renderer = new StreamingRenderer(container, {
    requestFrame: manual.request,
    now: () => clock,
    onRender: () => (clock += renderMs),
  });
  for (let frame = 0; frame < frames; frame++) {
    renderer.append(`word${frame} `);
    const before = renderer.stats.frames;
    const frameStart = frame * frameMs;
    clock = Math.max(clock, frameStart);
    manual.runFrame();
    if (renderer.stats.frames === before) clock = Math.max(clock, frameStart);
  }
  return renderer.stats.frames;
}

describe('StreamingRenderer pacing', () => {
  it('renders in every frame while a render leaves most of the frame free (no frame skipped: no added latency)', () => {
    // 6 ms of 16: before, the next render waited 3 × 6 = 18 ms, so every other frame was skipped.
    assert.equal(framesRendered(6, 30), 30);
    assert.equal(framesRendered(1, 30), 30);
  });

  it('still paces renders that take most of a frame or more (a huge open block), at most ~1/4 of the time', () => {
    const rendered = framesRendered(40, 60);
    // 40 ms each, then 120 ms of rest: one render in ~10 frames of 16 ms.
    assert.ok(rendered >= 4 && rendered <= 8, `rendered ${rendered} of 60 frames`);
  });
});
