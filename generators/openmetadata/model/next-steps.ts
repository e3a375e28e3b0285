/**
 * What an OpenMetadata connector needs after its TODOs, from the release's
 * facts and the file plan: its models, the release's formatter, its unit
 * test, and a first ingestion with its example workflow.
 */
import type { NextStep, NextSteps, RunDone } from '../../../core/next-steps.js';
import type { OpenMetadataProfile } from '../profile/spec.js';
import { releaseFacts } from '../facts/index.js';
import { FILES, openMetadataFile } from '../plan.js';

/** Run inside ingestion/ in a subshell, so the next command starts at the root again. */
const inIngestion = (command: string): string => `(cd ingestion && ${command})`;

/** Each step by name: the brief's sections that explain one of them run the same command. */
export function openMetadataSteps(profile: OpenMetadataProfile) {
  const release = releaseFacts(profile.openmetadataVersion);
  const { modelGeneration, pythonFormatting } = release;
  return {
    models: {
      title: 'Generate the models of the new schema',
      command: [inIngestion(modelGeneration.command)],
      note: 'The connector imports its connection model from `metadata.generated.schema`, which this builds; `--generate-models` does it for the new and edited schemas only.',
    },
    format: {
      title: 'Format the code',
      command: [pythonFormatting.command],
      note: `In ${release.label} it runs ${pythonFormatting.summary}.`,
    },
    unitTests: {
      title: 'Run the unit tests',
      command: [inIngestion(`pytest ${openMetadataFile(profile, FILES.unitTest).replace(/^ingestion\//, '')}`)],
    },
    workflow: {
      title: "Fill in the connection and the ingestion bot's token in the example workflow, then run it",
      command: [`metadata ingest -c ${openMetadataFile(profile, FILES.workflow)}`],
      note: 'It reads the source and sends what it finds to the server at http://localhost:8585; the summary at the end counts the records and the failures.',
    },
  } satisfies Record<string, NextStep>;
}

export function openMetadataNextSteps(profile: OpenMetadataProfile, done: RunDone = {}): NextSteps {
  const steps = openMetadataSteps(profile);
  return {
    setting: 'with the ingestion environment active',
    steps: [...(done.modelsGenerated ? [] : [steps.models]), steps.format, steps.unitTests, steps.workflow],
  };
}
