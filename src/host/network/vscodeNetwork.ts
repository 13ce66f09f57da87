// The network pieces on VS Code: the `http.*` and `completionsChat.*` settings as the workspace's
// trust allows them (untrusted, only the user's own values: a repository must not route the
// extension through its proxy, make it trust a CA or add headers), dist/network.js, and the
// "Set Header Secret…" command.

import { join } from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../contributionIds';
import { HeaderSecrets } from '../credentials/headerSecrets';
import type { Dialogs } from '../dialogs';
import { safeText } from '../reporting/untrustedText';
import { SECRET_REFERENCE, secretValueProblem } from '../settings/customHeaders';
import { endpointOrigin, type SettingError, type Settings } from '../settings/settings';
import { nodeImageRequest, type ImageRequester } from '../images/imageRequest';
import { EndpointExtras } from './endpointExtras';
import { proxiedImageRequester } from './proxiedImageRequest';
import { RequestNetwork, type NetworkModule, type NetworkSettings } from './requestNetwork';

/** A setting's value as this workspace's trust allows: untrusted, the user's own only. */
function trustedValue<T>(section: string, key: string, trusted: boolean): T | undefined {
  const config = vscode.workspace.getConfiguration(section);
  return trusted ? config.get<T>(key) : config.inspect<T>(key)?.globalValue;
}

/** The proxy and CA settings as a workspace of this trust may set them. */
export function readNetworkSettings(trusted = vscode.workspace.isTrusted): NetworkSettings {
  const paths = trustedValue<unknown>(SETTINGS_SECTION, 'caCertificates', trusted);
  return {
    proxy: trustedValue<string>('http', 'proxy', trusted),
    noProxy: trustedValue<string[]>('http', 'noProxy', trusted),
    proxySupport: vscode.workspace.getConfiguration('http').get<string>('proxySupport'),
    // Only the user can turn certificate checks off; a workspace's `false` counts only when trusted.
    strictSsl: trustedValue<boolean>('http', 'proxyStrictSSL', trusted) !== false,
    caCertificates: Array.isArray(paths) ? paths.filter((path): path is string => typeof path === 'string' && path.trim() !== '') : [],
  };
}

/** `completionsChat.headers` as a workspace of this trust may set it. */
export function readHeaderSetting(trusted = vscode.workspace.isTrusted): unknown {
  return trustedValue<unknown>(SETTINGS_SECTION, 'headers', trusted);
}

export interface VscodeNetwork {
  extras: EndpointExtras;
  headerSecrets: HeaderSecrets;
  /** Answers' images: through the proxy when one applies, pinned to a checked address. */
  imageRequest: ImageRequester;
  dispose(): void;
}

export function createVscodeNetwork(secrets: vscode.SecretStorage, report: (problem: SettingError) => void): VscodeNetwork {
  const headerSecrets = new HeaderSecrets(secrets);
  // Beside dist/chat.js in dist/, its own bundle (esbuild.mjs); a path esbuild leaves alone, so a
  // test bundle that imports this module for its setting readers builds too.
  const network = new RequestNetwork({ settings: () => readNetworkSettings(), load: () => require(join(__dirname, 'network.js')) as NetworkModule });
  const extras = new EndpointExtras({
    headerSetting: () => readHeaderSetting(),
    secrets: headerSecrets,
    network,
    report,
  });
  const watching = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('http') || event.affectsConfiguration(`${SETTINGS_SECTION}.caCertificates`)) network.reset();
  });
  return { extras, headerSecrets, imageRequest: proxiedImageRequester(network, nodeImageRequest), dispose: () => (watching.dispose(), network.dispose()) };
}

/**
 * Stores the value of a header marked "${secret}" in completionsChat.headers, for the endpoint's
 * origin, with a password box; an empty value removes it.
 */
export async function setHeaderSecret(network: VscodeNetwork, settings: Settings, dialogs: Pick<Dialogs, 'showInputBox' | 'pickOne' | 'info'>): Promise<void> {
  const origin = endpointOrigin(settings.baseUrl);
  const names = network.extras.headerSettings(settings.baseUrl).secret;
  if (names.length === 0) {
    dialogs.info(`Completions Chat: no header in completionsChat.headers has the value "${SECRET_REFERENCE}". Add one, e.g. "X-Api-Key": "${SECRET_REFERENCE}", then run this again.`);
    return;
  }
  const name = names.length === 1 ? names[0] : await dialogs.pickOne(names.map((id) => ({ id, label: id })), 'Completions Chat: which header?');
  if (!name) return;
  const value = await dialogs.showInputBox({
    title: `Completions Chat: value of ${safeText(name, 100)}`,
    prompt: `Sent as the header ${safeText(name, 100)} to ${safeText(origin, 200)} only; kept in VS Code's secret storage. Leave empty to remove it.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text === '' ? undefined : secretValueProblem(text)),
  });
  if (value === undefined) return;
  if (value === '') await network.headerSecrets.delete(origin, name);
  else await network.headerSecrets.set(origin, name, value);
  dialogs.info(value === '' ? `Completions Chat: the value of ${safeText(name, 100)} was removed.` : `Completions Chat: the value of ${safeText(name, 100)} is stored for ${safeText(origin, 200)}.`);
}
