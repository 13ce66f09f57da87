// The candidates of an answer with n > 1: tabs to show one at a time (or all side by side),
// and above each the line that says whether the conversation continues with it.

import type { AssistantEntry } from '../shared/conversation';
import type { WebviewMessage } from '../shared/protocol';
import type { CandidateView } from './candidateView';
import { codicon, element, iconButton, textButton } from './dom';
import { t } from '../shared/l10n';

export class CandidateTabs {
  /** The tab strip. */
  readonly element: HTMLElement;
  /** The candidate the user is looking at, which the answer's actions act on. */
  shown: number;
  /** Every candidate at once, side by side, instead of one tab at a time. */
  private comparing = false;
  private views: readonly CandidateView[] = [];
  private entry: AssistantEntry | undefined;

  /** @param markComparing marks the answer while its candidates are shown side by side */
  constructor(
    shown: number,
    private readonly post: (message: WebviewMessage) => void,
    private readonly markComparing: (comparing: boolean) => void,
  ) {
    this.shown = shown;
    this.element = element('div', { className: 'candidate-tabs', attributes: { role: 'tablist', 'aria-label': t('Answer candidates') } });
  }

  /** Draws the tabs and choice lines for `views`, the candidates of `entry`. */
  render(views: readonly CandidateView[], entry: AssistantEntry): void {
    this.views = views;
    this.entry = entry;
    const count = views.length;
    if (this.shown >= entry.candidates.length) this.shown = Math.min(entry.chosen, Math.max(0, entry.candidates.length - 1));
    this.element.hidden = count < 2;
    this.markComparing(this.comparing && count > 1);
    views.forEach((view, index) => {
      view.element.hidden = !(this.comparing && count > 1) && index !== this.shown;
      if (count > 1) {
        view.element.setAttribute('role', 'tabpanel');
        view.element.setAttribute('aria-labelledby', `${view.element.id}-tab`);
      }
      this.renderChoice(view, index, count, entry);
    });
    if (count < 2) {
      this.element.replaceChildren();
      return;
    }
    this.element.replaceChildren(...views.map((view, index) => this.tab(view, index, count, entry.chosen)), this.compareButton());
  }

  private tab(view: CandidateView, index: number, count: number, chosen: number): HTMLElement {
    const selected = index === this.shown;
    const isChosen = index === chosen;
    const tab = element('button', {
      className: `candidate-tab${selected ? ' is-selected' : ''}${isChosen ? ' is-chosen' : ''}`,
      attributes: {
        type: 'button',
        role: 'tab',
        id: `${view.element.id}-tab`,
        'aria-selected': String(selected),
        'aria-controls': view.element.id,
        'aria-label': isChosen ? t('Candidate {0} of {1}, used in the conversation', index + 1, count) : t('Candidate {0} of {1}', index + 1, count),
        tabindex: selected ? '0' : '-1',
      },
    }, isChosen ? [codicon('check'), element('span', { text: String(index + 1) })] : [String(index + 1)]);
    tab.addEventListener('click', () => this.show(index));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      this.show((index + step + count) % count);
      (this.element.children[this.shown] as HTMLElement | undefined)?.focus();
    });
    return tab;
  }

  private compareButton(): HTMLElement {
    const compare = iconButton(
      this.comparing ? 'list-flat' : 'split-horizontal',
      this.comparing ? t('Show One Candidate at a Time') : t('Compare Candidates Side by Side'),
      () => {
        this.comparing = !this.comparing;
        this.redraw();
      },
    );
    compare.classList.add('candidate-compare');
    compare.setAttribute('aria-pressed', String(this.comparing));
    return compare;
  }

  /**
   * Above each candidate when there are several: which one it is, and either that the
   * conversation continues with it or the button that makes it so.
   */
  private renderChoice(view: CandidateView, index: number, count: number, entry: AssistantEntry): void {
    view.choice.hidden = count < 2;
    if (count < 2) return;
    const label = element('span', { className: 'candidate-label', text: t('Candidate {0} of {1}', index + 1, count) });
    if (index === entry.chosen) {
      view.choice.replaceChildren(label, element('span', { className: 'candidate-chosen' }, [codicon('check'), element('span', { text: t('Used in the conversation') })]));
    } else if (entry.status === 'streaming') {
      view.choice.replaceChildren(label);
    } else {
      const entryId = entry.id;
      const use = textButton('check', t('Use This Answer'), () => this.post({ type: 'chooseCandidate', entryId, index }), 'secondary-button candidate-use');
      use.title = t('Continue the conversation with this candidate (the next question carries it)');
      view.choice.replaceChildren(label, use);
    }
  }

  private show(index: number): void {
    this.shown = index;
    this.redraw();
  }

  private redraw(): void {
    if (this.entry) this.render(this.views, this.entry);
  }
}
