// Issue 10 (first state in the page): the host may put the `state` it would post into the page's
// HTML (host/view/webviewHtml.ts), so the panel draws the conversation in its first frame
// instead of after a round trip through the workbench. The block is data, never markup or
// script, and its text comes from a model: it is checked as a received `state` message is, and
// anything too big, malformed or failing to draw is ignored: `ready` then names no state and
// the host posts it as before.

import { FIRST_STATE_ELEMENT_ID, MAX_FIRST_STATE_CHARS, isStateNumber, type FirstStateBlock, type HostMessage } from '../shared/protocol';

/** The block's content, if it has the shape of a numbered `state` message. */
export function readFirstState(doc: Document = document): FirstStateBlock | undefined {
  const element = doc.getElementById(FIRST_STATE_ELEMENT_ID);
  const text = element?.textContent;
  // Read once: the text (up to a megabyte) need not stay in the page.
  element?.remove();
  if (!text || text.length > MAX_FIRST_STATE_CHARS) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isFirstStateBlock(parsed) ? parsed : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A numbered message of type `state` whose state holds a conversation with entries: what the view can draw. */
function isFirstStateBlock(value: unknown): value is FirstStateBlock {
  if (!isObject(value) || !isStateNumber(value.drawn) || !isObject(value.message)) return false;
  const { type, state } = value.message;
  return type === 'state' && isObject(state) && isObject(state.conversation) && Array.isArray(state.conversation.entries);
}

/**
 * Draws the page's first state through `handle` (the view's own handler for host messages) and
 * returns its number for `ready`; undefined when there was none to draw, or drawing it failed.
 */
export function drawFirstState(handle: (message: HostMessage) => void, doc: Document = document): number | undefined {
  const block = readFirstState(doc);
  if (!block) return undefined;
  try {
    handle(block.message);
  } catch {
    // A state the view could not draw: the host's `state` message draws the panel again.
    return undefined;
  }
  return block.drawn;
}
