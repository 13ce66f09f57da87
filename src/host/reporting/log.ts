// The "Completions Chat" output channel. Everything written goes through redaction first, so
// a token pasted into an error body or a URL never reaches the log, and then has its control
// characters escaped, so a server's or a model's text cannot forge lines (a newline and a fake
// "[error]"), hide what follows (a carriage return, bidi controls) or drive a terminal.

import * as vscode from 'vscode';
import { logLine } from './logText';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Completions Chat', { log: true });
  return {
    info: (message) => channel.info(logLine(message)),
    warn: (message) => channel.warn(logLine(message)),
    error: (message) => channel.error(logLine(message)),
    dispose: () => channel.dispose(),
  };
}
