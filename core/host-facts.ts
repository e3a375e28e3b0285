/**
 * Host facts as data: what a host project looks like in one of its releases
 * (paths, base classes, steps, drivers...), one JSON file per release in the
 * host generator's `facts/` folder. Adding a release is adding a file.
 *
 * A release file may build on another (`"extends": "1.12"`): its keys replace
 * those of the release it extends, and objects are merged key by key, so the
 * file holds only what changed. Arrays are replaced whole.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function overlay(base: JsonObject, changes: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const under = merged[key];
    merged[key] = isObject(under) && isObject(value) ? overlay(under, value) : value;
  }
  return merged;
}

/** `1.9` before `1.12` before `2.0`: release lines by their numbers, not as text. */
export function compareReleaseLines(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The releases a facts folder has a file for, in file-name order. */
export function factReleases(folder: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

function readRelease(folder: string, release: string, seen: readonly string[]): JsonObject {
  const file = path.join(folder, `${release}.json`);
  if (!existsSync(file)) {
    throw new Error(`no host facts for release ${release} in ${folder}; known: ${factReleases(folder).join(', ')}`);
  }
  if (seen.includes(release)) throw new Error(`host facts extend in a circle: ${[...seen, release].join(' -> ')}`);
  const { extends: parent, ...own } = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  if (parent === undefined) return own;
  if (typeof parent !== 'string') throw new Error(`${file}: "extends" must name a release`);
  return overlay(readRelease(folder, parent, [...seen, release]), own);
}

const cache = new Map<string, unknown>();

/**
 * The facts of one release, with the releases it extends merged in; read once per process. Their shape is
 * the host's to say: the caller states it (its own facts files, written to that shape).
 */
export function loadHostFacts(folder: string, release: string): unknown {
  const key = path.join(folder, release);
  if (!cache.has(key)) cache.set(key, readRelease(folder, release, []));
  return cache.get(key);
}
