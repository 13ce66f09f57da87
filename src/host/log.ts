// The "Completions Chat" output channel. Everything written goes through redaction first, so
// a token pasted into an error body or a URL never reaches the log.

import * as vscode from 'vscode';
import { redactSecretShapes as redactSecrets } from '../core/redact';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Completions Chat', { log: true });
  return {
    info: (message) => channel.info(redactSecrets(message)),
    warn: (message) => channel.warn(redactSecrets(message)),
    error: (message) => channel.error(redactSecrets(message)),
    dispose: () => channel.dispose(),
  };
}
