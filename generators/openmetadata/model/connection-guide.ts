/**
 * The connection guide the UI shows beside the connection form (public/locales/en-US/<Category>/<Type>.md):
 * a requirements part from --docs-notes, then one `$$section` per field of the form, titled and
 * described as the generated connection schema has it. The UI scrolls to the section whose
 * `$(id="<property>")` names the field in focus.
 */
import { markdownInline, markdownLiteral } from '../../../core/text.js';
import type { OpenMetadataProfile } from '../profile/spec.js';
import { connectionSchema } from './connection-schema.js';

export interface GuideSection {
  /** the connection property, as the form names its field */
  id: string;
  title: string;
  /** the lines of the section's text */
  text: string[];
}

export interface ConnectionGuide {
  /** the display name as the page's heading */
  title: string;
  /** the display name inside a sentence */
  displayName: string;
  /** paragraphs of the requirements part, each one line */
  requirements: string[];
  sections: GuideSection[];
}

/**
 * Properties the form never shows (the UI's DEF_UI_SCHEMA in ServiceUISchema.constant.ts hides `type`
 * and the `supports...` flags): no section would ever be shown for them.
 */
const hiddenInForm = (property: string): boolean => property === 'type' || /^supports[A-Z]/.test(property);

/** What a property without a description of its own (a $ref to a shared schema) is for, in our words. */
const SHARED_PROPERTY_TEXT: Record<string, string> = {
  connectionOptions: 'Extra options added to the connection URL, as key and value pairs. Leave empty unless the driver needs them.',
  connectionArguments: 'Extra arguments handed to the driver when it connects, such as security or protocol settings.',
  awsConfig: 'The AWS credentials and region the connector signs its requests with.',
  azureConfig: 'The Azure credentials (client ID, client secret, tenant) the connector authenticates with.',
  sampleDataStorageConfig: 'Where the profiler stores the sample data it takes; leave empty to keep the default storage.',
};

type Property = { title?: unknown; description?: unknown };

/** One line of guide text: literal, and never the `$$` that opens or closes a block of the UI's Markdown. */
const guideLine = (line: string): string => markdownLiteral(line, 'lineStart').replace(/^\$/, '\\$');

function sectionOf(id: string, property: Property): GuideSection {
  const title = typeof property.title === 'string' && property.title ? property.title : id;
  const description = typeof property.description === 'string' && property.description ? property.description : SHARED_PROPERTY_TEXT[id];
  return { id, title: guideLine(title), text: [guideLine(description ?? `The ${title} of the connection.`)] };
}

export function connectionGuide(profile: OpenMetadataProfile): ConnectionGuide {
  const schema = connectionSchema(profile);
  const properties = schema.properties as Record<string, Property>;
  const notes = profile.docsNotes
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const display = profile.displayName;
  return {
    // a heading: every special character escaped, as the brief's headings have the display name
    title: markdownInline(display),
    displayName: markdownLiteral(display),
    requirements:
      notes.length > 0
        ? notes.map(guideLine)
        : [guideLine(`The connector needs network access to ${display} and an account that can read the metadata it ingests.`)],
    sections: Object.entries(properties)
      .filter(([id]) => !hiddenInForm(id))
      .map(([id, property]) => sectionOf(id, property)),
  };
}
