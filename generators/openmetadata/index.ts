/** `yo connector:openmetadata`: a new OpenMetadata connector. */
import path from 'node:path';
import { ConnectorGenerator } from '../../core/generator/connector-generator.js';
import type { ConnectorOptions } from '../../core/generator/options.js';
import { markForced } from '../../core/yeoman.js';
import type { RunDone } from '../../core/next-steps.js';
import type { OpenMetadataProfile } from './profile/spec.js';
import { releaseFacts } from './facts/index.js';
import { openMetadataHost } from './host.js';
import { describeModelRun, findToolchain, generateModels, moduleOf } from './pydantic-models.js';

export default class OpenMetadataGenerator extends ConnectorGenerator<OpenMetadataProfile> {
  protected readonly host = openMetadataHost;
  /** what --generate-models did or why it did nothing, said at the end of the run */
  private modelReport: string | undefined;
  /** --generate-models wrote the models: the closing steps leave out generating them */
  private modelsGenerated = false;

  constructor(args: string[], options: ConnectorOptions) {
    super(args, options, openMetadataHost.spec);
  }

  override writing(): void {
    super.writing();
    if (this.profile.generateModels) this.modelReport = this.writeModels();
  }

  protected override runReports(): string[] {
    return this.modelReport ? [this.modelReport] : [];
  }

  protected override runDone(): RunDone {
    return { modelsGenerated: this.modelsGenerated };
  }

  /**
   * The models of the schemas this run writes or registers into, generated from their in-memory contents
   * and written through mem-fs, so they land with the connector's files or not at all. They are derived
   * files, as `make generate` rewrites them: forced, never a conflict. A datamodel-codegen failure throws
   * (a non-zero exit, nothing written); a missing tool only says how to get it.
   */
  private writeModels(): string {
    const facts = releaseFacts(this.profile.openmetadataVersion).modelGeneration;
    if (!this.checkoutRoot) return '--generate-models: skipped, outside a checkout there is no schema tree to resolve $refs in.';
    const changed = this.changedSchemas(facts.schemaRoot);
    const destinations = changed.map((schema) => this.destinationPath(facts.modelsRoot, moduleOf(schema)));
    if (this.options.dryRun) {
      return `--generate-models (dry run): would generate ${destinations.map((d) => path.relative(this.destinationRoot(), d)).join(', ')}`;
    }
    const found = findToolchain(facts, this.checkoutRoot, process.env);
    if ('missing' in found) return found.missing;
    const schemaPath = (rel: string): string => this.destinationPath(facts.schemaRoot, rel);
    const result = generateModels({
      facts,
      toolchain: found.toolchain,
      changed,
      read: (rel) => (this.fs.exists(schemaPath(rel)) ? this.fs.read(schemaPath(rel)) : undefined),
    });
    for (const model of result.models) {
      const destination = this.destinationPath(facts.modelsRoot, model.module);
      this.fs.write(destination, model.contents);
      markForced(this, destination);
    }
    this.modelsGenerated = result.models.length > 0;
    return describeModelRun(facts, found.toolchain, result, (module) => path.join(facts.modelsRoot, module));
  }

  /** The schemas this run writes (the connection schema) and the ones its registration edits or already holds it in. */
  private changedSchemas(schemaRoot: string): string[] {
    const underRoot = (file: string): string | undefined => {
      const rel = path.posix.relative(schemaRoot, file.split(path.sep).join('/'));
      return rel.startsWith('..') || !rel.endsWith('.json') ? undefined : rel;
    };
    const written = this.host.plan(this.profile, this.checkoutRoot).map((f) => underRoot(f.destination));
    const registered = this.registration.edits.filter((e) => e.outcome !== 'skipped').map((e) => underRoot(e.file));
    return [...new Set([...written, ...registered].filter((rel): rel is string => rel !== undefined))];
  }
}
