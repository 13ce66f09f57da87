// A conversation as one Markdown document, for Export and Copy Conversation: each question
// with the code it was asked about, each answer's chosen text, and how an answer ended when it
// did not finish. Pure, so the same text goes to an editor, a file or the clipboard.

import { chosenContent, type AssistantEntry, type Conversation, type ImageAttachment, type UserEntry } from './conversation';
import { questionContexts } from './contextItems';
import { t } from './l10n';

export interface MarkdownExportOptions {
  /** Where an attached image is written beside the document (a relative path), if anywhere. */
  imagePath?(image: ImageAttachment): string | undefined;
  /** Dates in the reader's locale; ISO dates without it. */
  formatDate?(time: number): string;
}

/** A fence longer than any run of backticks in `code`, so the code cannot end it early. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Text that cannot break out of a link label or an image's alt text. */
function labelText(text: string): string {
  return text.replace(/[[\]\\\n\r]/g, ' ');
}

/** A relative path as a link target: spaces and parentheses escaped as the Markdown spec allows. */
function linkTarget(path: string): string {
  return `<${path.replace(/[<>\n\r]/g, '')}>`;
}

function questionMarkdown(entry: UserEntry, options: MarkdownExportOptions): string {
  const parts = [`### ${t('You')}`, entry.text];
  for (const { path, startLine, endLine, languageId, code } of questionContexts(entry)) {
    const fence = fenceFor(code);
    parts.push(t('{0} lines {1}–{2}:', `\`${path}\``, startLine, endLine), `${fence}${languageId}\n${code}\n${fence}`);
  }
  for (const image of entry.images ?? []) {
    const path = options.imagePath?.(image);
    parts.push(path ? `![${labelText(image.name)}](${linkTarget(path)})` : `_${t('Image: {0} ({1}×{2})', labelText(image.name), image.width, image.height)}_`);
  }
  return parts.filter((part) => part !== '').join('\n\n');
}

/** A function, not a table: translated when the conversation is exported. */
function endingOf(status: AssistantEntry['status']): string | undefined {
  if (status === 'stopped') return `_${t('Stopped before the answer was complete.')}_`;
  if (status === 'interrupted') return `_${t('Interrupted: the window closed while this answer was written.')}_`;
  if (status === 'streaming') return `_${t('Still being written when exported.')}_`;
  return undefined;
}

function answerMarkdown(entry: AssistantEntry): string {
  const count = entry.candidates.length;
  const heading = `### ${count > 1 ? t('Assistant ({0}, answer {1} of {2})', entry.model, entry.chosen + 1, count) : t('Assistant ({0})', entry.model)}`;
  const parts = [heading, chosenContent(entry)];
  if (entry.status === 'error' && entry.error) parts.push(`_${t('The answer failed: {0}', entry.error.message)}_`);
  const ending = endingOf(entry.status);
  if (ending) parts.push(ending);
  return parts.filter((part) => part !== '').join('\n\n');
}

export function conversationMarkdown(conversation: Conversation, options: MarkdownExportOptions = {}): string {
  const date = options.formatDate ?? ((time: number) => new Date(time).toISOString().slice(0, 10));
  const header = `# ${conversation.title.replace(/\s+/g, ' ')}\n\n_${conversation.model} · ${date(conversation.createdAt)}_`;
  const turns = conversation.entries.map((entry) => (entry.role === 'user' ? questionMarkdown(entry, options) : answerMarkdown(entry)));
  return `${[header, ...turns].join('\n\n---\n\n')}\n`;
}
