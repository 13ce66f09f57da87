// The certificate authorities a request trusts when `completionsChat.caCertificates` names PEM
// files: Node's bundled roots, the system's bundle where Linux keeps one, and the user's files,
// added to them, never replacing them (a corporate CA must not make every public site fail).

import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { TrustedCertificates } from './requestNetwork';
import { t } from '../../shared/l10n';

/** A CA file that cannot be used; the message names the file and why, for the setting's error. */
export class CaCertificateError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CaCertificateError';
  }
}

/** Bounds on what a setting can make the extension read. */
export const MAX_CA_FILES = 20;
export const MAX_CA_FILE_BYTES = 1024 * 1024;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Where Linux distributions keep the system's CA bundle (Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine). */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

/** `~/x.pem` is the home folder's; anything else must be an absolute path (a relative one has no fixed meaning). */
export function resolveCaPath(path: string, home = homedir()): string {
  const trimmed = path.trim();
  if (trimmed === '~' || trimmed.startsWith('~/')) return join(home, trimmed.slice(1));
  if (!isAbsolute(trimmed)) throw new CaCertificateError(t('names "{0}", which is not an absolute path (or one starting with ~/).', trimmed.slice(0, 200)));
  return trimmed;
}

/** The PEM certificates of one file's text; none is an error naming the file. */
export function certificatesIn(text: string, path: string): string[] {
  const found = text.match(PEM_CERTIFICATE) ?? [];
  if (found.length === 0) throw new CaCertificateError(t('names {0}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----).', path));
  return found;
}

/** The user's certificates from the listed files, each read whole and checked. */
export async function readCaFiles(paths: readonly string[]): Promise<string[]> {
  if (paths.length > MAX_CA_FILES) throw new CaCertificateError(t('lists {0} files; at most {1} are read.', paths.length, MAX_CA_FILES));
  const certificates: string[] = [];
  for (const listed of paths) {
    const path = resolveCaPath(listed);
    let text: string;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new CaCertificateError(t('names {0}, which is not a file.', path));
      if (info.size > MAX_CA_FILE_BYTES) throw new CaCertificateError(t('names {0}, which is larger than 1 MB: not a certificate file.', path));
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (error instanceof CaCertificateError) throw error;
      throw new CaCertificateError(t('names {0}, which could not be read ({1}).', path, (error as NodeJS.ErrnoException).code ?? String(error)));
    }
    certificates.push(...certificatesIn(text, path));
  }
  return certificates;
}

/** The system's bundle on Linux, if one is readable; elsewhere Node's roots stand for it. */
async function systemCertificates(): Promise<string[]> {
  if (process.platform !== 'linux') return [];
  for (const path of SYSTEM_BUNDLES) {
    try {
      const text = await readFile(path, 'utf8');
      return text.match(PEM_CERTIFICATE) ?? [];
    } catch {
      // Not this distribution's place: try the next.
    }
  }
  return [];
}

/** Everything trusted when the user added CAs: Node's roots, the system's, then theirs. */
export async function trustedCertificates(paths: readonly string[]): Promise<string[]> {
  const own = await readCaFiles(paths);
  return [...new Set([...rootCertificates, ...(await systemCertificates()), ...own])];
}

/** trustedCertificates as RequestNetwork takes it: a file that cannot be used is a problem to report. */
export async function certificatesFor(paths: readonly string[]): Promise<TrustedCertificates> {
  try {
    return { list: await trustedCertificates(paths) };
  } catch (error) {
    if (error instanceof CaCertificateError) return { problem: error.message };
    throw error;
  }
}
