// The Node-only network pieces on VS Code: the `http.*` and `completionsChat.caCertificates`
// settings as the workspace's trust allows them (untrusted, only the user's own values: a
// repository must not route the extension through its proxy or make it trust a CA), and
// dist/network.js. A browser entry leaves this file out (customHeadersCommand.ts).

import { join } from 'node:path';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../contributionIds';
import { HeaderSecrets } from '../credentials/headerSecrets';
import { nodeImageRequest } from '../images/imageRequest';
import type { SettingError } from '../settings/settings';
import { readHeaderSetting, trustedValue, type VscodeNetwork } from './customHeadersCommand';
import { EndpointExtras } from './endpointExtras';
import { proxiedImageRequester } from './proxiedImageRequest';
import { RequestNetwork, type NetworkModule, type NetworkSettings } from './requestNetwork';

export type { VscodeNetwork };

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

