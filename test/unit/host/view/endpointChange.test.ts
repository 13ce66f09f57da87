// Another endpoint profile becoming active (a conversation opened from the history, a switch)
// changes the token status the panel shows, never the conversation on screen: the whole state
// sent again would redraw it and drop what was drawn on it, such as the search's highlights.
import assert from 'node:assert/strict';
import { settle } from './viewFakes';
import { viewHarness } from './viewHarness';

describe('the presenter when the endpoint changes', () => {
  it('sends only the token status, and only when it changed', async () => {
    let status = { hasToken: true, origin: 'https://first.test', profile: 'First' };
    const h = viewHarness({ endpointStatus: async () => status });
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    const before = webview.posted.length;

    await h.presenter.endpointChanged();
    await settle();
    assert.deepEqual(webview.posted.slice(before).map((message) => message.type), [], 'nothing changed: nothing sent');

    status = { hasToken: false, origin: 'https://second.test', profile: 'Second' };
    await h.presenter.endpointChanged();
    await settle();
    assert.deepEqual(webview.posted.slice(before), [{ type: 'tokenStatus', hasToken: false, origin: 'https://second.test', profile: 'Second' }]);
  });
});
