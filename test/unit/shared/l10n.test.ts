// The one translation seam every layer uses: English text as the key, placeholders by position,
// Intl formatting by the display language, and a malformed catalogue or locale falling back to
// English rather than breaking the panel.
import assert from 'node:assert/strict';
import { catalogueFrom, displayLocale, formatAgo, formatDate, formatMessage, formatNumber, t, tableTranslator, useLocale } from '../../../src/shared/l10n';

describe('shared l10n', () => {
  afterEach(() => useLocale('en'));

  it('fills {0}, {1}… by position, repeats included, and leaves a placeholder without an argument', () => {
    assert.equal(formatMessage('{0} of {1}, {0} again', ['a', 2]), 'a of 2, a again');
    assert.equal(formatMessage('{0} and {1}', ['only']), 'only and {1}');
    assert.equal(t('Remove {0}', 'x.png'), 'Remove x.png');
  });

  it('translates through the installed table, English where the table has no entry', () => {
    useLocale('zh-cn', tableTranslator({ 'Remove {0}': '移除 {0}' }));
    assert.equal(t('Remove {0}', 'x.png'), '移除 x.png');
    assert.equal(t('Not in the table'), 'Not in the table');
    assert.equal(t('constructor'), 'constructor', 'an inherited property is not an entry');
  });

  it('formats numbers and dates for the display language', () => {
    useLocale('zh-cn');
    assert.equal(formatNumber(1234567), '1,234,567');
    assert.equal(formatAgo(3, 'day'), '3天前');
    assert.equal(formatAgo(1, 'day'), '昨天');
    assert.equal(formatAgo(5, 'minute'), '5分钟前');
    assert.equal(formatDate(Date.UTC(2026, 2, 14, 12)), '2026/3/14');
    useLocale('de');
    assert.equal(formatNumber(1234567), '1.234.567');
    useLocale('en');
    assert.equal(formatAgo(1, 'day'), 'yesterday');
  });

  it('falls back to English for a tag Intl refuses', () => {
    useLocale('not a locale!');
    assert.equal(displayLocale(), 'en');
    assert.equal(formatNumber(1234), '1,234');
  });

  it('reads a catalogue from untrusted JSON: string entries only, nothing else', () => {
    assert.equal(catalogueFrom(null), undefined);
    assert.equal(catalogueFrom({ locale: 3, messages: {} }), undefined);
    assert.equal(catalogueFrom({ locale: 'zh-cn', messages: 'x' }), undefined);
    const catalogue = catalogueFrom({ locale: 'zh-cn', messages: { Send: '发送', Bad: 3, __proto__: { x: 'y' } } });
    assert.deepEqual({ ...catalogue!.messages }, { Send: '发送' });
  });
});
