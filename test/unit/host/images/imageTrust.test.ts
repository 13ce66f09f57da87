import assert from 'node:assert/strict';
import { allowHostQuestion, loadImageQuestion, MAX_SHOWN_IMAGE_URL_LENGTH } from '../../../../src/host/images/imageTrust';

const WORKBENCH_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const noLinks = (text: string) => assert.deepEqual([...text.matchAll(WORKBENCH_LINK)], [], text);

describe('image trust questions', () => {
  it('"Load image" names the host and shows the full URL', () => {
    const url = 'https://cdn.example.com/gen/cat.png?sig=abc&exp=1';
    const question = loadImageQuestion(url);
    assert.equal(question.message, 'Load this image from "cdn.example.com"?');
    assert.ok(question.detail.includes(url));
    assert.equal(question.action, 'Load Image');
  });

  it('cuts a very long URL with an ellipsis and lets no part of it become a link', () => {
    const url = `https://cdn.example.com/[x](command:workbench.action.quit)/${'a'.repeat(10_000)}.png`;
    const { message, detail } = loadImageQuestion(url);
    noLinks(message);
    noLinks(detail);
    const shown = detail.split('\n')[1]!;
    assert.equal(shown.length, MAX_SHOWN_IMAGE_URL_LENGTH);
    assert.ok(shown.endsWith('…'));
  });

  it('"Always load" names the exact host and port, and the setting it changes', () => {
    const question = allowHostQuestion('images.example.com:8443');
    assert.equal(question.message, 'Always load images from "images.example.com:8443"?');
    assert.match(question.detail, /completionsChat\.imageHosts/);
    assert.equal(question.action, 'Always Load');
  });
});
