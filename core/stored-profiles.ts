/**
 * Answers kept in `.yo-rc.json`, one profile per connector, so a re-run or
 * `connector:context-doc` alone regenerates from them:
 * `{ "generator-connector": { "connectors": { "openmetadata:my_db": {...} }, "last": { "openmetadata": "my_db" } } }`.
 * The profile is stored complete (context-doc regenerates from it alone); `"derived": { "mage:my_api": ["configKeys"] }`
 * says which of its values a run derived rather than the user set, for the fields whose default follows other
 * answers (Field.rederived): the next run derives those again.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gitExcludeFileOf } from './git-folder.js';
import type { Field, PartialProfile } from './profile/field.js';

interface ConfigStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
}

const keyOf = (host: string, name: string): string => `${host}:${name}`;

/** The line that keeps the answers out of commits in a git checkout's own exclude file. */
const EXCLUDE_LINE = '/.yo-rc.json';

/** A path as a reader at `from` reaches it, with `/` (the brief is read on any system). */
const shown = (from: string, target: string): string => (path.relative(from, target) || '.').split(path.sep).join('/');

/**
 * Where the answers live, said to the user in the run's output and the brief: `.yo-rc.json` at the
 * root, where Yeoman and connector:context-doc read them. In a git checkout the run also lists it
 * in the exclude file git reads for the checkout (`.git/info/exclude` in a clone; a worktree's or a
 * submodule's is where `git rev-parse --git-path info/exclude` says), never committed, so it cannot
 * be committed by accident; `excludeEdit` is that edit, or undefined when there is nothing to add.
 * `note` is the brief's sentence (paths from the root, as the brief's other paths); `shownNote(from)`
 * the run's, with the paths as the user's shell at `from` reaches them.
 */
export function answersFile(root: string, readText: (file: string) => string | undefined) {
  const exclude = gitExcludeFileOf(root);
  const text = exclude ? (readText(exclude) ?? '') : '';
  const listed = text.split(/\r?\n/).some((line) => line.trim() === EXCLUDE_LINE || line.trim() === '.yo-rc.json');
  const excludeEdit =
    exclude && !listed ? { file: exclude, contents: `${text}${text && !text.endsWith('\n') ? '\n' : ''}# answers of generator-connector\n${EXCLUDE_LINE}\n` } : undefined;
  const answers = path.join(root, '.yo-rc.json');
  const ignored = (code: (p: string) => string, from: string): string =>
    exclude ? `, which git ignores here (it is listed in ${code(shown(from, exclude))}, the clone's own ignore file)` : '';
  const askAgain = (code: (p: string) => string): string => `; re-run with ${code('--ask-answered')} to change them.`;
  const markdown = (p: string): string => `\`${p}\``;
  const plain = (p: string): string => p;
  const note = exclude
    ? `Your answers are kept in ${markdown('.yo-rc.json')} at the checkout root${ignored(markdown, root)}${askAgain(markdown)}`
    : `Your answers are kept in ${markdown('.yo-rc.json')} at the root of the folder the files were generated into (where the paths in this brief start)${askAgain(markdown)}`;
  const shownNote = (from: string): string => {
    if (exclude) return `Your answers are kept in ${shown(from, answers)} at the checkout root${ignored(plain, from)}${askAgain(plain)}`;
    // the folder the user is in needs no path; any other is named
    return `Your answers are kept in ${path.relative(from, root) === '' ? '.yo-rc.json in this folder' : shown(from, answers)}${askAgain(plain)}`;
  };
  return { excludeEdit, note, shownNote };
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
  config.set('last', { ...(config.get('last') ?? {}), [host]: profile.name });
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
