import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import { StreamingRenderer } from '../../../src/webview/streamingRenderer';

const frameMs = 16;

/**
 * A renderer whose renders "take" `renderMs` of a fake clock (as if rendering and the layout
 * after it took that long), streamed one delta per frame; how many of `frames` frames rendered.
 */
function framesRendered(renderMs: number, frames: number): { rendered: number; framesAsked: number } {
  let clock = 0;
  let framesAsked = 0;
  const manual = new ManualFrames();
  const timers: { at: number; callback: () => void }[] = [];
  const container = document.createElement('div');
  const renderer = new StreamingRenderer(container, {
    requestFrame: (callback) => {
      framesAsked++;
      manual.request(callback);
    },
    now: () => clock,
    wait: (callback, ms) => void timers.push({ at: clock + ms, callback }),
    onRender: () => (clock += renderMs),
  });
  for (let frame = 0; frame < frames; frame++) {
    renderer.append(`word${frame} `);
    const before = renderer.stats.frames;
    const frameStart = frame * frameMs;
    clock = Math.max(clock, frameStart);
    // Timers due by now fire before the frame begins.
    for (const timer of timers.filter((t) => t.at <= clock)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
    manual.runFrame();
    if (renderer.stats.frames === before) clock = Math.max(clock, frameStart);
  }
  return { rendered: renderer.stats.frames, framesAsked };
}

describe('StreamingRenderer pacing', () => {
  it('renders in every frame while a render leaves most of the frame free (no frame skipped: no added latency)', () => {
    // 6 ms of 16: before, the next render waited 3 × 6 = 18 ms, so every other frame was skipped.
    assert.equal(framesRendered(6, 30).rendered, 30);
    assert.equal(framesRendered(1, 30).rendered, 30);
  });

  it('still paces renders that take most of a frame or more (a huge open block), at most ~1/4 of the time', () => {
    const { rendered, framesAsked } = framesRendered(40, 60);
    // 40 ms each, then 120 ms of rest: one render in ~10 frames of 16 ms.
    assert.ok(rendered >= 4 && rendered <= 8, `rendered ${rendered} of 60 frames`);
    // The rest is waited for with a timer: a frame asked for is a frame the browser produces.
    assert.ok(framesAsked <= rendered + 1, `${framesAsked} frames asked for ${rendered} renders`);
  });

  it('asks for no frame after a render unless text is waiting (an empty frame costs the workbench a pre-paint and a commit)', () => {
    const manual = new ManualFrames();
    let framesAsked = 0;
    const renderer = new StreamingRenderer(document.createElement('div'), {
      requestFrame: (callback) => {
        framesAsked++;
        manual.request(callback);
      },
      now: manual.now,
    });
    // One delta per 100 ms (a fast stream's messages at 10 a second), some drawn at once, some in a frame.
    for (let message = 0; message < 20; message++) {
      renderer.append(`part${message} `);
      if (message % 2 === 1) renderer.append('more ');
      for (let frame = 0; frame < 6; frame++) manual.runFrame();
    }
    assert.equal(renderer.stats.frames, 30, 'each message drawn, its second delta in the next frame');
    assert.equal(framesAsked, 10, 'a frame asked for only for text that waited');
  });

  it('draws at most once per frame however deltas fall between frames', () => {
    const manual = new ManualFrames();
    const renders: number[] = [];
    let frame = 0;
    const renderer = new StreamingRenderer(document.createElement('div'), {
      requestFrame: manual.request,
      now: () => frame * frameMs,
      onRender: () => renders.push(frame),
    });
    // A frame begins, then 0–3 deltas come before the next, in a fixed irregular pattern: every
    // render is labelled with the frame it follows, so two labels alike are two renders
    // between the starts of two frames.
    for (frame = 0; frame < 200; frame++) {
      manual.runFrame();
      for (let delta = 0; delta < (frame * 7) % 4; delta++) renderer.append(`w${frame}.${delta} `);
    }
    const perInterval = new Map<number, number>();
    for (const at of renders) perInterval.set(at, (perInterval.get(at) ?? 0) + 1);
    assert.ok([...perInterval.values()].every((count) => count <= 1), `renders per frame: ${[...perInterval.values()].join(',')}`);
    assert.ok(renders.length > 100, `rendered in ${renders.length} frames`);
  });

  it('draws a delta at once only while renders are cheap: after a render of 6 ms the next waits for a frame', () => {
    let clock = 0;
    let renderMs = 1;
    const manual = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: manual.request, now: () => clock, onRender: () => (clock += renderMs) });
    renderer.append('cheap ');
    assert.equal(renderer.stats.frames, 1, 'the first delta is drawn at once');
    clock = 16;
    manual.runFrame();
    renderMs = 6;
    renderer.append('dear ');
    assert.equal(renderer.stats.frames, 2, 'the last render was cheap: at once');
    clock = 32;
    manual.runFrame();
    renderer.append('waits ');
    assert.equal(renderer.stats.frames, 2, 'the last render took 6 ms: this one waits for a frame');
    clock = 48;
    manual.runFrame();
    assert.equal(renderer.stats.frames, 3);
    assert.match(container.textContent ?? '', /cheap dear waits/);
  });
});
