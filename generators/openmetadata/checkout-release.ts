/**
 * The OpenMetadata release a checkout is: read from the version its ingestion
 * package declares (ingestion/pyproject.toml, else ingestion/setup.py), else
 * from openmetadata-spec/pom.xml. The run writes for that release; outside a
 * checkout --openmetadata-version chooses.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OPENMETADATA_RELEASES } from './profile/fields.js';
import type { PartialProfile } from '../../core/profile/field.js';
import type { OpenMetadataProfile } from './profile/spec.js';
import type { Problem } from '../../core/profile/validate.js';

export interface CheckoutRelease {
  /** the version as the file spells it, e.g. 1.12.14.2 or 2.0.0.0.dev0 */
  version: string;
  /** major.minor, e.g. 1.12 */
  line: string;
  /** the file it was read from, relative to the checkout root */
  file: string;
  supported: boolean;
}

const SOURCES: Array<{ file: string; pattern: RegExp }> = [
  { file: 'ingestion/pyproject.toml', pattern: /^\s*version\s*=\s*["']([0-9][^"']*)["']/m },
  { file: 'ingestion/setup.py', pattern: /\bversion\s*=\s*["']([0-9][^"']*)["']/ },
  // the spec module's parent: <parent>...<version>1.12.0-SNAPSHOT</version></parent>
  { file: 'openmetadata-spec/pom.xml', pattern: /<parent>[\s\S]*?<version>\s*([0-9][^<\s]*)\s*<\/version>[\s\S]*?<\/parent>/ },
];

export function checkoutRelease(root: string): CheckoutRelease | undefined {
  for (const { file, pattern } of SOURCES) {
    const absolute = path.join(root, file);
    if (!existsSync(absolute)) continue;
    const version = pattern.exec(readFileSync(absolute, 'utf8'))?.[1];
    if (!version) continue;
    const line = version.split('.').slice(0, 2).join('.');
    return { version, line, file, supported: OPENMETADATA_RELEASES.includes(line) };
  }
  return undefined;
}

/** The release line a run in this checkout writes for, unless the user named one. */
export function checkoutDefaults(root: string): PartialProfile {
  const release = checkoutRelease(root);
  return release?.supported ? { openmetadataVersion: release.line } : {};
}

/**
 * A checkout of a release line this generator does not know gets the named line (or the newest):
 * said at the run and in the brief, naming the checkout's release and the line written for.
 */
export function releaseWarnings(profile: Pick<OpenMetadataProfile, 'openmetadataVersion'>, root: string): string[] {
  const release = checkoutRelease(root);
  if (!release || release.supported) return [];
  return [
    `the checkout is OpenMetadata ${release.version} (${release.file}), a release this generator does not support ` +
      `(it knows ${OPENMETADATA_RELEASES.join(' and ')}); the files are written for OpenMetadata ${profile.openmetadataVersion}` +
      ' and may need changes to work in this checkout',
  ];
}

/**
 * A named release that contradicts the checkout's own is refused. A checkout of a release this
 * generator does not know takes the named one (or the newest); the brief says which it targets.
 */
export function releaseProblems(profile: PartialProfile, root: string): Problem[] {
  const release = checkoutRelease(root);
  if (!release?.supported || profile.openmetadataVersion === release.line) return [];
  return [{ field: 'openmetadataVersion', message: `the checkout is OpenMetadata ${release.version} (${release.file}); drop the option or set it to ${release.line}` }];
}
