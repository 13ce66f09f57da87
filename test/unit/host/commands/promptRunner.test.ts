// Prompts run on the editor's code: from the palette, the editor's menu, and `/name` typed in
// the panel (through the controller), with the prompts setting's problems reported once.
import assert from 'node:assert/strict';
import { viewHarness } from '../view/viewHarness';

describe('PromptRunner', () => {
  it('runs a built-in prompt with the code as the question\'s context', async () => {
    const h = viewHarness();
    const prompt = await h.prompts.choose('Find Bugs');
    assert.equal(await h.prompts.run(prompt!), true);
    assert.equal(h.session.sent.length, 1);
    assert.match(h.session.sent[0]!.text, /^Find bugs in this code/);
    assert.equal(h.session.sent[0]!.context?.path, 'src/loop.ts');
    assert.deepEqual(h.commands, ['reveal']);
  });

  it('places the code inline for a user prompt with {selection}, and fills {language} and {file}', async () => {
    const h = viewHarness({ userPrompts: [{ name: 'Port', text: 'Port this {language} from {file} to Rust:\n{selection}' }] });
    await h.prompts.run((await h.prompts.choose('port'))!);
    assert.deepEqual(h.session.sent[0], { text: 'Port this typescript from src/loop.ts to Rust:\nwhile (true) {}', images: undefined });
  });

  it('lets the user pick among built-in and own prompts, shown as safe text', async () => {
    const h = viewHarness({ userPrompts: [{ name: 'Review', text: 'Review [this](command:x)' }] });
    h.dialogs.pickAnswer = 'review';
    const prompt = await h.prompts.choose();
    assert.equal(prompt?.name, 'Review');
    assert.deepEqual(h.dialogs.picks[0]!.ids, ['explain', 'find-bugs', 'write-tests', 'add-docs', 'refactor', 'ask', 'review']);
  });

  it('reports a bad entry of the setting once, naming it, and still offers the others', async () => {
    const h = viewHarness({ userPrompts: [{ name: '', text: 'x' }, { name: 'Good', text: 'y' }] });
    assert.ok(await h.prompts.choose('good'));
    assert.ok(await h.prompts.choose('explain'));
    const warnings = h.dialogs.notices.filter((notice) => notice.level === 'warn');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /completionsChat\.prompts, item 1: "name" must be/);
  });

  it('sends nothing without an editor or while an answer runs, and says why', async () => {
    const none = viewHarness({ editorCode: null });
    assert.equal(await none.prompts.run((await none.prompts.choose('explain'))!), false);
    assert.match(none.dialogs.notices[0]!.message, /Open a file and select the code/);
    const busy = viewHarness();
    busy.session.busy = true;
    assert.equal(await busy.prompts.run((await busy.prompts.choose('explain'))!), false);
    assert.equal(none.session.sent.length + busy.session.sent.length, 0);
  });

  it('Ask asks for the question and sends it as typed, placeholders and all', async () => {
    const h = viewHarness();
    h.dialogs.inputAnswer = 'Why {file}?';
    await h.prompts.run((await h.prompts.choose('ask'))!);
    assert.equal(h.session.sent[0]!.text, 'Why {file}?');
    assert.equal(h.session.sent[0]!.context?.code, 'while (true) {}');
  });

  it('/name in the panel runs the prompt with the rest of the line added; an unknown /word is sent as typed', async () => {
    const h = viewHarness();
    await h.controller.receive({ type: 'send', text: '/refactor keep it short' });
    assert.match(h.session.sent[0]!.text, /^Refactor this code[\s\S]*\n\nkeep it short$/);
    assert.ok(h.session.sent[0]!.context);
    await h.controller.receive({ type: 'send', text: '/usr/bin is on my PATH, why?' });
    assert.deepEqual(h.session.sent[1], { text: '/usr/bin is on my PATH, why?', images: [] });
  });

  it('a /prompt that cannot run puts the text back in the input', async () => {
    const h = viewHarness({ editorCode: null });
    const view = h.openView();
    await h.controller.receive({ type: 'ready' });
    await h.controller.receive({ type: 'send', text: '/explain' });
    h.clock.advance(100);
    assert.deepEqual(h.session.sent, []);
    assert.ok(view.webview.posted.some((message) => message.type === 'fillInput' && message.text === '/explain'));
  });
});
