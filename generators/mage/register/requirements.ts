/** mage_integrations/requirements.txt: each new pip package where mage-ai's pre-commit hook would sort it. */
import type { MageProfile } from '../profile/spec.js';
import { readCheckoutFile } from '../../../core/host-checkout.js';
import { asRegistrationEdit, skipped, type RegistrationEdit, type TextEdit } from '../../../core/registration.js';
import { eolOf } from '../../../core/text-edit.js';
import { MAGE_FACTS } from '../facts/index.js';
import { normaliseRequirement, requirementName } from '../model/drivers.js';

/**
 * The key mage-ai's pre-commit hook sorts requirements.txt by (pre-commit-hooks v4.5.0,
 * requirements-txt-fixer): the lowercased line up to whitespace or `;`, cut at the first
 * version comparison. Extras and separators stay: `psycopg[binary]` sorts after `psycopg2-binary`.
 */
export function fixerSortKey(line: string): string {
  const lowered = line.toLowerCase();
  const egg = /[#&]egg=/.exec(lowered);
  if (egg) return lowered.slice(egg.index + egg[0].length);
  const head = /^[^;\s]+/.exec(lowered)?.[0] ?? lowered;
  const comparison = /={2,3}|!=|~=|>=?|<=?/.exec(head);
  return comparison ? head.slice(0, comparison.index) : head;
}

/** Inserts a requirement where the hook would sort it, so its commit check finds nothing to change; present by PEP 503 name. */
export function addRequirement(text: string, spec: string): TextEdit & { listedAs?: string } {
  const eol = eolOf(text);
  const name = normaliseRequirement(requirementName(spec));
  const lines = text.split(eol);
  const requirementLines = lines
    .map((line, k) => ({ k, line, name: /^[A-Za-z0-9]/.test(line) ? normaliseRequirement(requirementName(line)) : undefined }))
    .filter((r) => r.name !== undefined);
  const existing = requirementLines.find((r) => r.name === name);
  if (existing) return { outcome: 'present', listedAs: existing.line.trim() };
  const key = fixerSortKey(spec);
  // code-unit order is the hook's byte order for the ASCII of requirement names
  const before = requirementLines.find((r) => fixerSortKey(r.line) > key);
  if (before) return { outcome: 'added', contents: [...lines.slice(0, before.k), spec, ...lines.slice(before.k)].join(eol) };
  const body = text === '' || text.endsWith(eol) ? text : text + eol;
  return { outcome: 'added', contents: `${body}${spec}${eol}` };
}

export function requirementEdits(profile: MageProfile, root: string): RegistrationEdit[] {
  const file = MAGE_FACTS.paths.requirements;
  if (profile.pipPackages.length === 0) return [];
  const text = readCheckoutFile(root, file);
  if (typeof text !== 'string') return profile.pipPackages.map((p) => skipped(file, `requirement ${p}`, text.reason));
  let current = text;
  return profile.pipPackages.map((spec): RegistrationEdit => {
    const result = addRequirement(current, spec);
    if (result.outcome === 'added') current = result.contents;
    const note = result.outcome === 'present' && result.listedAs && result.listedAs !== spec ? ` (listed as ${result.listedAs})` : '';
    return asRegistrationEdit(file, `requirement ${spec}${note}`, result);
  });
}
