// The desktop's network on VS Code: the `http.*` and `completionsChat.caCertificates` settings as
// the workspace's trust allows them (untrusted, only the user's own values: a repository must not
// route the extension through its proxy or make it trust a CA), and dist/network.js. Free of Node
// itself: the Node pieces (loading dist/network.js, reading CA files, the environment, the direct
// image requester) come from the desktop's own bundle (NodeNetworkParts, host/nodeParts.ts). The
// web platform builds headersOnlyNetwork instead (customHeadersCommand.ts).

import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../contributionIds';
import { HeaderSecrets } from '../credentials/headerSecrets';
import type { ImageRequester } from '../images/imageRequester';
import type { SettingError } from '../settings/settings';
import { readHeaderSetting, trustedValue, type VscodeNetwork } from './customHeadersCommand';
import { EndpointExtras } from './endpointExtras';
import { proxiedImageRequester } from './proxiedImageRequest';
import { RequestNetwork, type NetworkModule, type NetworkSettings, type TrustedCertificates } from './requestNetwork';

export type { VscodeNetwork };

/** What only Node can do for the network, handed in by the desktop's bundle. */
export interface NodeNetworkParts {
  /** Requires dist/network.js (undici's dispatchers), beside the desktop's bundle. */
  load(): NetworkModule;
  certificates(paths: readonly string[]): Promise<TrustedCertificates>;
  /** The proxy variables of the extension host's environment. */
  env(): Record<string, string | undefined>;
  /** An answer's image without a proxy: Node's http, connecting only to checked addresses. */
  directImageRequest: ImageRequester;
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

export function createVscodeNetwork(node: NodeNetworkParts, secrets: vscode.SecretStorage, report: (problem: SettingError) => void): VscodeNetwork {
  const headerSecrets = new HeaderSecrets(secrets);
  const network = new RequestNetwork({ settings: () => readNetworkSettings(), env: node.env, load: node.load, certificates: node.certificates });
  const extras = new EndpointExtras({
    headerSetting: () => readHeaderSetting(),
    secrets: headerSecrets,
    network,
    report,
  });
  const watching = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('http') || event.affectsConfiguration(`${SETTINGS_SECTION}.caCertificates`)) network.reset();
  });
  return { extras, headerSecrets, imageRequest: proxiedImageRequester(network, node.directImageRequest), dispose: () => (watching.dispose(), network.dispose()) };
}

