/**
 * Answers kept in `.yo-rc.json`, one profile per connector, so a re-run or
 * `connector:context-doc` alone regenerates from them:
 * `{ "generator-connector": { "connectors": { "openmetadata:my_db": {...} }, "last": { "openmetadata": "my_db" } } }`.
 * The profile is stored complete (context-doc regenerates from it alone); `"derived": { "mage:my_api": ["configKeys"] }`
 * says which of its values a run derived rather than the user set, for the fields whose default follows other
 * answers (Field.rederived): the next run derives those again.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Field, PartialProfile } from './profile/field.js';

interface ConfigStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
}

const keyOf = (host: string, name: string): string => `${host}:${name}`;

/** The line that keeps the answers out of commits in a git checkout's own exclude file. */
const EXCLUDE_LINE = '/.yo-rc.json';

/**
 * Where the answers live, said to the user in the run's output and the brief: `.yo-rc.json` at the
 * root, where Yeoman and connector:context-doc read them. In a git checkout the run also lists it
 * in `.git/info/exclude` (the clone's own ignore file, never committed), so it cannot be committed
 * by accident; `excludeEdit` is that edit, or undefined when there is nothing to add.
 */
export function answersFile(root: string, readText: (file: string) => string | undefined) {
  const gitFolder = path.join(root, '.git');
  const inGit = existsSync(gitFolder) && statSync(gitFolder).isDirectory();
  const exclude = path.join(gitFolder, 'info', 'exclude');
  const text = inGit ? (readText(exclude) ?? '') : '';
  const listed = text.split(/\r?\n/).some((line) => line.trim() === EXCLUDE_LINE || line.trim() === '.yo-rc.json');
  const excludeEdit =
    inGit && !listed ? { file: exclude, contents: `${text}${text && !text.endsWith('\n') ? '\n' : ''}# answers of generator-connector\n${EXCLUDE_LINE}\n` } : undefined;
  const note = inGit
    ? 'Your answers are kept in `.yo-rc.json` at the checkout root, which git ignores here (it is listed in `.git/info/exclude`, the clone\'s own ignore file); re-run with `--ask-answered` to change them.'
    : 'Your answers are kept in `.yo-rc.json` in this folder; re-run with `--ask-answered` to change them.';
  return { excludeEdit, note };
}

const connectorsIn = (config: ConfigStorage): Record<string, PartialProfile> =>
  (config.get('connectors') as Record<string, PartialProfile> | undefined) ?? {};

export function storedProfile(config: ConfigStorage, host: string, name: string): PartialProfile | undefined {
  return connectorsIn(config)[keyOf(host, name)];
}

export function lastStoredName(config: ConfigStorage, host: string): string | undefined {
  const last = config.get('last') as Record<string, string> | undefined;
  return last?.[host];
}

/** What a run stores: the complete profile and, for a host with rederived fields, which of them it derived. */
export interface StoredAnswers {
  profile: PartialProfile & { name: string };
  /** undefined: the host has no rederived fields, and nothing is noted */
  derived?: string[];
}

const derivedIn = (config: ConfigStorage): Record<string, string[]> => (config.get('derived') as Record<string, string[]> | undefined) ?? {};

export function storeProfile(config: ConfigStorage, host: string, { profile, derived }: StoredAnswers): void {
  const key = keyOf(host, profile.name);
  config.set('connectors', { ...connectorsIn(config), [key]: profile });
  if (derived) config.set('derived', { ...derivedIn(config), [key]: derived });
  config.set('last', { ...((config.get('last') as Record<string, string> | undefined) ?? {}), [host]: profile.name });
}

/**
 * The stored answers a re-run starts from: the stored profile without the values of rederived fields a
 * run derived, so that they follow this run's answers (config keys follow new auth types). A store made
 * before the distinction was kept has no note: there a value equal to what the stored answers derive
 * counts as derived.
 */
export function storedAnswers(config: ConfigStorage, host: string, name: string, fields: readonly Field[]): PartialProfile | undefined {
  const stored = storedProfile(config, host, name);
  if (!stored) return undefined;
  const noted = derivedIn(config)[keyOf(host, name)];
  const wasDerived = (field: Field): boolean =>
    noted ? noted.includes(field.name) : isDeepStrictEqual(stored[field.name], field.defaultFor?.(stored));
  const derived = new Set(fields.filter((f) => f.rederived && stored[f.name] !== undefined && wasDerived(f)).map((f) => f.name));
  return Object.fromEntries(Object.entries(stored).filter(([key]) => !derived.has(key)));
}

/**
 * The text of `.yo-rc.json` as it is on disk now, with this run's answers added: the commit writes
 * this (under the checkout's lock), so answers other runs stored since this run read the file stay.
 */
export function withStoredProfile(onDisk: string | undefined, namespace: string, host: string, answers: StoredAnswers): Record<string, unknown> {
  const rc = parseAnswers(onDisk);
  const section = (rc[namespace] as Record<string, unknown> | undefined) ?? {};
  const config: ConfigStorage = { get: (key) => section[key], set: (key, value) => (section[key] = value) };
  storeProfile(config, host, answers);
  return { ...rc, [namespace]: section };
}

function parseAnswers(text: string | undefined): Record<string, unknown> {
  if (!text || text.trim() === '') return {};
  const parsed = JSON.parse(text) as unknown;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
