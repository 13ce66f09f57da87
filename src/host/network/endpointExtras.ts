// What a request to the endpoint carries besides the token: the user's custom headers (secret
// values from secret storage, for the endpoint's origin only) and the fetch that goes through
// the configured proxy and trusts the configured CAs. Each bad header entry is reported once,
// by name, and left out; a missing secret or an unusable proxy/CA fails the request naming the
// setting. Free of `vscode`.

import { resolveChatCompletionsUrl, tokenHeaderFor, type FetchFunction } from '../../core/chatClient';
import { SETTING_IDS } from '../contributionIds';
import type { HeaderSecrets } from '../credentials/headerSecrets';
import { quote } from '../reporting/untrustedText';
import type { ProfileHeaders } from '../settings/profiles';
import { readHeaderSettings, SECRET_REFERENCE, type HeaderSettings } from '../settings/customHeaders';
import { endpointOrigin, SettingError } from '../settings/settings';
import type { RequestNetwork } from './requestNetwork';
import { t } from '../../shared/l10n';

export interface RequestExtras {
  headers: Record<string, string>;
  /** The secret headers' values, for redaction. */
  secrets: string[];
  /** Undefined: the global fetch. */
  fetch?: FetchFunction;
}

export interface EndpointExtrasDeps {
  /** `completionsChat.headers` as the workspace's trust allows it. */
  headerSetting(): unknown;
  secrets: Pick<HeaderSecrets, 'valuesFor'>;
  network: Pick<RequestNetwork, 'fetchFor'>;
  /** Shows a problem with the headers setting (called once per distinct problem). */
  report(problem: SettingError): void;
}

export class EndpointExtras {
  private readonly reported = new Set<string>();

  constructor(private readonly deps: EndpointExtrasDeps) {}

  /**
   * The headers as they stand for `baseUrl`'s endpoint; problems reported once each. `profile`:
   * an endpoint profile's own headers (issue 12), instead of completionsChat.headers.
   */
  headerSettings(baseUrl: string, profile?: ProfileHeaders): HeaderSettings {
    const tokenHeader = tokenHeaderFor(resolveChatCompletionsUrl(baseUrl));
    const parsed = profile ? readHeaderSettings(profile.raw, tokenHeader, profile.problem) : readHeaderSettings(this.deps.headerSetting(), tokenHeader);
    for (const problem of parsed.problems) {
      if (this.reported.has(problem.message)) continue;
      this.reported.add(problem.message);
      this.deps.report(problem);
    }
    return parsed;
  }

  async forEndpoint(baseUrl: string, profile?: ProfileHeaders): Promise<RequestExtras> {
    const parsed = this.headerSettings(baseUrl, profile);
    const origin = endpointOrigin(baseUrl);
    const stored = parsed.secret.length > 0 ? await this.deps.secrets.valuesFor(origin, parsed.secret) : {};
    const missing = parsed.secret.find((name) => stored[name] === undefined);
    if (missing !== undefined) {
      throw new SettingError(
        profile ? SETTING_IDS.profiles : SETTING_IDS.headers,
        t('marks {0} as "{1}", but no value is stored for {2}. Run "Completions Chat: Set Header Secret…" to store it; nothing was sent.', quote(missing), SECRET_REFERENCE, origin),
      );
    }
    const fetch = await this.deps.network.fetchFor();
    return { headers: { ...parsed.plain, ...stored }, secrets: Object.values(stored), fetch };
  }
}
