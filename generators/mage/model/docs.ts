/** The source's README.md and its docs page (docs/data-integrations/sources/<uuid>.mdx): the title and the front matter. */
import type { MageProfile } from '../profile/spec.js';
import { markdownInline } from '../../../core/text.js';

export function docsValues(profile: MageProfile) {
  return {
    markdown: {
      title: markdownInline(profile.displayName),
      docsUrl: profile.docsUrl ? markdownInline(profile.docsUrl) : '',
    },
    /** YAML front matter values: JSON strings are valid YAML double-quoted scalars */
    frontMatter: {
      title: JSON.stringify(profile.displayName),
      description: JSON.stringify(`Configure the ${profile.displayName} source.`),
    },
  };
}
