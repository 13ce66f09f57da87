// A conversation as one Markdown document, for Export and Copy Conversation: each question
// with the code it was asked about, each answer's chosen text, and how an answer ended when it
// did not finish. Pure, so the same text goes to an editor, a file or the clipboard.

import { chosenContent, type AssistantEntry, type Conversation, type ImageAttachment, type UserEntry } from './conversation';
import { questionContexts } from './contextItems';

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
  const parts = ['### You', entry.text];
  for (const { path, startLine, endLine, languageId, code } of questionContexts(entry)) {
    const fence = fenceFor(code);
    parts.push(`\`${path}\` lines ${startLine}–${endLine}:`, `${fence}${languageId}\n${code}\n${fence}`);
  }
  for (const image of entry.images ?? []) {
    const path = options.imagePath?.(image);
    parts.push(path ? `![${labelText(image.name)}](${linkTarget(path)})` : `_Image: ${labelText(image.name)} (${image.width}×${image.height})_`);
  }
  return parts.filter((part) => part !== '').join('\n\n');
}

const ENDINGS: Partial<Record<AssistantEntry['status'], string>> = {
  stopped: '_Stopped before the answer was complete._',
  interrupted: '_Interrupted: the window closed while this answer was written._',
  streaming: '_Still being written when exported._',
};

function answerMarkdown(entry: AssistantEntry): string {
  const count = entry.candidates.length;
  const heading = count > 1 ? `### Assistant (${entry.model}, answer ${entry.chosen + 1} of ${count})` : `### Assistant (${entry.model})`;
  const parts = [heading, chosenContent(entry)];
  if (entry.status === 'error' && entry.error) parts.push(`_The answer failed: ${entry.error.message}_`);
  const ending = ENDINGS[entry.status];
  if (ending) parts.push(ending);
  return parts.filter((part) => part !== '').join('\n\n');
}

export function conversationMarkdown(conversation: Conversation, options: MarkdownExportOptions = {}): string {
  const date = options.formatDate ?? ((time: number) => new Date(time).toISOString().slice(0, 10));
  const header = `# ${conversation.title.replace(/\s+/g, ' ')}\n\n_${conversation.model} · ${date(conversation.createdAt)}_`;
  const turns = conversation.entries.map((entry) => (entry.role === 'user' ? questionMarkdown(entry, options) : answerMarkdown(entry)));
  return `${[header, ...turns].join('\n\n---\n\n')}\n`;
}
