// Custom headers on VS Code without any Node module: reading `completionsChat.headers` as the
// workspace's trust allows, the "Set Header Secret…" command, and the seam between the request
// path and the Node-only network code. The Node entry builds it with a proxy/CA fetch and the
// proxied image requester (vscodeNetwork.ts); a browser entry can build it with
// `headersOnlyNetwork`, which needs no Node API (the browser does proxies and certificates).

import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../contributionIds';
import { HeaderSecrets } from '../credentials/headerSecrets';
import type { SecretStore } from '../credentials/tokenStore';
import type { Dialogs } from '../dialogs';
import type { ImageRequester } from '../images/imageRequest';
import { safeText } from '../reporting/untrustedText';
import { SECRET_REFERENCE, secretValueProblem } from '../settings/customHeaders';
import { endpointOrigin, type SettingError, type Settings } from '../settings/settings';
import { EndpointExtras } from './endpointExtras';
import type { EndpointProfile } from '../settings/profiles';

/** What the session, the model list and the images use of the network (issue 12). */
export interface VscodeNetwork {
  extras: EndpointExtras;
  headerSecrets: HeaderSecrets;
  /** Answers' images: through the proxy when one applies, pinned to a checked address (Node only). */
  imageRequest?: ImageRequester;
  dispose(): void;
}

/** A setting's value as this workspace's trust allows: untrusted, the user's own only. */
export function trustedValue<T>(section: string, key: string, trusted: boolean): T | undefined {
  const config = vscode.workspace.getConfiguration(section);
  return trusted ? config.get<T>(key) : config.inspect<T>(key)?.globalValue;
}

/** `completionsChat.headers` as a workspace of this trust may set it. */
export function readHeaderSetting(trusted = vscode.workspace.isTrusted): unknown {
  return trustedValue<unknown>(SETTINGS_SECTION, 'headers', trusted);
}

/** Custom headers without proxy or CA support: for a browser entry. */
export function headersOnlyNetwork(secrets: SecretStore, report: (problem: SettingError) => void): VscodeNetwork {
  const headerSecrets = new HeaderSecrets(secrets);
  const extras = new EndpointExtras({ headerSetting: () => readHeaderSetting(), secrets: headerSecrets, network: { fetchFor: async () => undefined }, report });
  return { extras, headerSecrets, dispose: () => undefined };
}

/**
 * Stores the value of a header marked "${secret}" in completionsChat.headers, for the endpoint's
 * origin, with a password box; an empty value removes it.
 */
export async function setHeaderSecret(network: VscodeNetwork, settings: Settings & { profile?: EndpointProfile }, dialogs: Pick<Dialogs, 'showInputBox' | 'pickOne' | 'info'>): Promise<void> {
  const origin = endpointOrigin(settings.baseUrl);
  // Endpoint profiles (issue 12): the headers of the profile in use, when it has its own.
  const names = network.extras.headerSettings(settings.baseUrl, settings.profile?.headers).secret;
  if (names.length === 0) {
    dialogs.info(vscode.l10n.t('Completions Chat: no header in completionsChat.headers has the value "{0}". Add one, e.g. "X-Api-Key": "{0}", then run this again.', SECRET_REFERENCE));
    return;
  }
  const name = names.length === 1 ? names[0] : await dialogs.pickOne(names.map((id) => ({ id, label: id })), vscode.l10n.t('Completions Chat: which header?'));
  if (!name) return;
  const value = await dialogs.showInputBox({
    title: vscode.l10n.t('Completions Chat: value of {0}', safeText(name, 100)),
    prompt: vscode.l10n.t('Sent as the header {0} to {1} only; kept in VS Code\'s secret storage. Leave empty to remove it.', safeText(name, 100), safeText(origin, 200)),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text === '' ? undefined : secretValueProblem(text)),
  });
  if (value === undefined) return;
  if (value === '') await network.headerSecrets.delete(origin, name);
  else await network.headerSecrets.set(origin, name, value);
  dialogs.info(
    value === ''
      ? vscode.l10n.t('Completions Chat: the value of {0} was removed.', safeText(name, 100))
      : vscode.l10n.t('Completions Chat: the value of {0} is stored for {1}.', safeText(name, 100), safeText(origin, 200)),
  );
}
