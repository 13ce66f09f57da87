// Files dropped on the panel come as a uri-list: parsed and bounded before anything is posted.
import assert from 'node:assert/strict';
import { carriesUriList, MAX_DROPPED_URIS, parseUriList } from '../../../src/shared/uriList';

describe('dropped uri-lists', () => {
  it('takes one URI a line (CRLF, LF or CR), skipping comments, blanks and repeats', () => {
    const list = '# dragged from the Explorer\r\nfile:///w/a.ts\r\n\r\nvscode-remote://host/w/b%20c.md\nfile:///w/a.ts\rvscode-vfs://github/x/y.py\r\n';
    assert.deepEqual(parseUriList(list), ['file:///w/a.ts', 'vscode-remote://host/w/b%20c.md', 'vscode-vfs://github/x/y.py']);
  });

  it('drops lines that are no URI: no scheme, a bad scheme, spaces or controls inside', () => {
    const list = ['just text', '/etc/passwd', ':nothing', '1http://x', 'file:///a b', 'file:///a\u0000b', 'file:///ok\u007f', 'a'.repeat(40) + ':x'].join('\n');
    assert.deepEqual(parseUriList(list), []);
  });

  it('keeps other schemes for the host to refuse (it judges each), and bounds count and length', () => {
    assert.deepEqual(parseUriList('javascript:alert(1)\ncommand:workbench.action.terminal.new'), ['javascript:alert(1)', 'command:workbench.action.terminal.new']);
    const many = Array.from({ length: 500 }, (_, i) => `file:///w/f${i}.ts`).join('\n');
    assert.equal(parseUriList(many).length, MAX_DROPPED_URIS);
    assert.deepEqual(parseUriList(`file:///${'a'.repeat(5000)}\nfile:///w/ok.ts`), ['file:///w/ok.ts']);
  });

  it('looks at a bounded prefix of a huge drop, in time linear in it', () => {
    const huge = `${'#'.repeat(10_000_000)}\nfile:///w/late.ts`;
    assert.deepEqual(parseUriList(huge), []);
  });

  it('knows a drag that carries URIs', () => {
    assert.equal(carriesUriList(['application/vnd.code.uri-list', 'text/plain']), true);
    assert.equal(carriesUriList(['text/uri-list']), true);
    assert.equal(carriesUriList(['Files']), false);
  });
});
