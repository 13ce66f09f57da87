// The history list's messages from the panel (issue 11), each handed to HistoryActions; joined
// into the controller's handler map (chatController.ts), so a message without a handler fails
// the build there.

import type { HistoryWebviewMessage } from '../../shared/historyProtocol';
import type { HistoryActions } from '../commands/historyActions';
import type { WebviewHandlers } from './chatController';

export type HistoryHandlers = Pick<WebviewHandlers, HistoryWebviewMessage['type']>;

export function historyHandlers(history: Pick<HistoryActions, 'show' | 'closed' | 'search' | 'open' | 'rename' | 'setPinned' | 'delete' | 'undo'>): HistoryHandlers {
  return {
    showHistory: () => history.show(),
    closeHistory: () => history.closed(),
    searchHistory: ({ requestId, query }) => history.search(requestId, query),
    openConversation: ({ id }) => history.open(id),
    renameConversation: ({ id }) => history.rename(id),
    pinConversation: ({ id, pinned }) => history.setPinned(id, pinned),
    deleteConversation: ({ id }) => history.delete(id),
    undoDelete: ({ id }) => history.undo(id),
  };
}
