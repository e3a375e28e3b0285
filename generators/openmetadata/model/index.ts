/**
 * Values the OpenMetadata templates render, all computed here: JSON files as
 * JSON.stringify output, Python lines laid out for isort/black, Markdown made
 * safe with core/text.ts. Templates only print these and loop over lists.
 *
 * User free text (description, display name, notes...) reaches the JSON
 * files through JSON.stringify and the brief through the Markdown helpers;
 * it never reaches Python. Python only ever sees validated identifiers.
 *
 *   features.ts          what the profile implies (features, modules, address)
 *   connection-schema.ts the connection JSON Schema
 *   test-connection.ts   the test-connection steps and their JSON file
 *   connection-guide.ts  the connection guide beside the form (public/locales/en-US/<Category>/<Type>.md)
 *   example-workflow.ts  the example metadata workflow (examples/workflows/<package>.yaml)
 *   python-files/        one builder per generated Python file
 *   brief/               what the brief renders beside every brief's values (core/brief.ts), by section
 */
import { openMetadataNames, type OpenMetadataProfile } from '../profile/spec.js';
import { connectionSchema } from './connection-schema.js';
import { connectionGuide } from './connection-guide.js';
import { exampleWorkflowValues } from './example-workflow.js';
import { featuresOf, modulesOf } from './features.js';
import { FILES, openMetadataFile } from '../plan.js';
import { pythonData } from './python-files/index.js';
import { testConnectionDefinition } from './test-connection.js';

export function templateData(profile: OpenMetadataProfile): Record<string, unknown> {
  const names = openMetadataNames(profile);
  const py = pythonData(profile);
  return {
    profile,
    names,
    features: featuresOf(profile),
    modules: modulesOf(profile, names),
    connectionSchemaJson: `${JSON.stringify(connectionSchema(profile), null, 2)}\n`,
    testConnectionJson: `${JSON.stringify(testConnectionDefinition(profile), null, 2)}\n`,
    guide: connectionGuide(profile),
    workflow: exampleWorkflowValues(profile),
    workflowFile: openMetadataFile(profile, FILES.workflow),
    py,
  };
}
