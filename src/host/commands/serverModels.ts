// The server's own model list for the model picker (`GET {base}/models`), fetched under a
// signal: the picker aborts it when it closes, the extension when it is deactivated. Free of
// `vscode`.

import { listModels } from '../../core/chatClient';
import { endpointOrigin, type Settings } from '../settings/settings';

/** A picker must not wait on a slow server for long: it shows the curated list meanwhile. */
export const MODEL_LIST_TIMEOUT_MS = 10_000;

export interface ServerModelsDeps {
  /** The valid settings; undefined while one is bad (then no list is asked for). */
  settings: Readonly<Settings> | undefined;
  tokenFor(origin: string): Promise<string | undefined>;
  log(message: string): void;
}

/**
 * The model ids the configured server lists, [] while the settings are bad. Rejects when the
 * server has no list (logged) or when `signal` aborted (not logged: nobody waits for it).
 */
export async function serverModels(deps: ServerModelsDeps, signal: AbortSignal): Promise<string[]> {
  const settings = deps.settings;
  if (!settings) return [];
  try {
    const token = await deps.tokenFor(endpointOrigin(settings.baseUrl));
    return await listModels(settings.baseUrl, token, AbortSignal.any([signal, AbortSignal.timeout(MODEL_LIST_TIMEOUT_MS)]));
  } catch (error) {
    if (!signal.aborted) deps.log(`No model list from the server: ${String(error)}`);
    throw error;
  }
}
