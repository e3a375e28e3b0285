/** The "Available sources" bullet list of docs/data-integrations/overview.mdx: a link to the source's page, sorted by label. */
import type { MageProfile } from '../profile/spec.js';
import type { TextEdit } from '../../../core/registration.js';
import { markdownInline } from '../../../core/text.js';
import { eolOf } from '../../../core/text-edit.js';
import { MAGE_FACTS } from '../facts/index.js';
import { sortsAfter } from './order.js';

export function addOverviewBullet(text: string, profile: Pick<MageProfile, 'name' | 'displayName'>): TextEdit {
  const eol = eolOf(text);
  const lines = text.split(eol);
  const heading = lines.findIndex((line) => /^#{2,4}\s+Available sources\s*$/i.test(line));
  if (heading < 0) return { outcome: 'skipped', reason: 'no "### Available sources" heading' };
  let first = heading + 1;
  while (first < lines.length && lines[first]?.trim() === '') first += 1;
  let end = first;
  while (end < lines.length && /^[-*] /.test(lines[end] ?? '')) end += 1;
  const bullets = lines.slice(first, end);
  const [firstBullet] = bullets;
  if (firstBullet === undefined) return { outcome: 'skipped', reason: 'no bullet list under "Available sources"' };
  const target = `sources/${profile.name}`;
  if (bullets.some((b) => new RegExp(`${target}(?:[/)#]|/README)`).test(b))) return { outcome: 'present' };
  const marker = firstBullet.charAt(0);
  const bullet = `${marker} [${markdownInline(profile.displayName)}](/${MAGE_FACTS.paths.sourcePages}/${profile.name})`;
  const links = bullets.flatMap((b, k) => {
    const label = /^[-*] \[(.*?)\]\(/.exec(b)?.[1];
    return label === undefined ? [] : [{ k, label }];
  });
  const before = links.find((b) => sortsAfter(b.label, profile.displayName));
  const lastLink = links.at(-1);
  const index = first + (before ? before.k : lastLink ? lastLink.k + 1 : bullets.length);
  return { outcome: 'added', contents: [...lines.slice(0, index), bullet, ...lines.slice(index)].join(eol) };
}
