/**
 * `connector:context-doc`: writes CONNECTOR_CONTEXT.md, the implementation
 * brief. Composed by the host generators with the profile they validated;
 * alone, it regenerates from the profile stored in .yo-rc.json.
 */
import path from 'node:path';
import Generator from 'yeoman-generator';
import { closest } from '../../core/closest.js';
import { markersReport, reportInterruptAsCancelled } from '../../core/commit.js';
import { adapterSignal, allOrNothingCommit, leaveOutTaskErrorLine, undeclaredFlagProblems, type ConnectorOptions } from '../../core/connector-generator.js';
import { helpText } from '../../core/help.js';
import { findCheckoutRoot } from '../../core/host-checkout.js';
import { changedSinceGenerated, type PlanChanges } from '../../core/merge.js';
import { HOSTS } from '../hosts.js';
import { dashed } from '../../core/profile/field.js';
import { assertValidProfile, ProfileError, type Problem } from '../../core/profile/validate.js';
import { answersFile, lastStoredName, storedProfile } from '../../core/stored-profiles.js';
import type { RegistrationReport } from '../../core/registration.js';
import { briefData } from './brief.js';
import { CONTEXT_DOC_RUN_FLAGS, CONTEXT_DOC_SUMMARY, HOST_IDS, contextDocFields } from './flags.js';

type ContextDocOptions = ConnectorOptions & {
  host?: string;
  name?: string;
  connectorProfile?: Record<string, unknown>;
  /** when composed: the registration the host generator computed and writes in this run */
  registration?: RegistrationReport;
  /** where the answers are kept, as the host generator told the user */
  answersNote?: string;
  /** when composed: the user's deletions and the files no longer planned (core/merge.ts) */
  planChanges?: PlanChanges;
};

export default class ContextDocGenerator extends Generator<Record<string, unknown>, ContextDocOptions> {
  private hostId = 'openmetadata';
  private profile: Record<string, unknown> = {};
  private composed = false;
  /** alone: the brief, when this run left it holding conflict markers */
  private markedFiles: string[] = [];

  constructor(args: string[], options: ContextDocOptions) {
    // Composed, the host generator's commit writes the brief with its files; alone, this one commits.
    const self: { generator?: ContextDocGenerator } = {};
    const alone = options.connectorProfile === undefined;
    // customInstallTask: nothing to install, so no package.json install step (and no message about one)
    const commit = allOrNothingCommit(
      () => self.generator!,
      () => ({ onMarkers: (files) => self.generator!.markedFiles.push(...files) }),
    );
    super(args, options, alone ? { customCommitTask: commit, customInstallTask: true } : {});
    self.generator = this;
    leaveOutTaskErrorLine(this);
    for (const field of contextDocFields) this.option(dashed(field.name), { type: String, description: field.help });
    this.option('interactive', { type: Boolean, description: 'Ask about conflicts (default: when stdin is a terminal)' });
  }

  /** What `yo connector:context-doc --help` prints: the same text as the bin's. */
  override help(): string {
    return helpText('yo connector:context-doc', CONTEXT_DOC_SUMMARY, contextDocFields, { heading: 'Flags:', runFlags: CONTEXT_DOC_RUN_FLAGS });
  }

  initializing(): void {
    this.composed = this.options.connectorProfile !== undefined;
    // alone, a Ctrl-C at its conflict prompt ends the run as the host generators' do
    if (!this.composed) reportInterruptAsCancelled(adapterSignal(this));
    this.hostId = this.options.host ?? this.onlyStoredHost() ?? 'openmetadata';
    const host = HOSTS[this.hostId];
    // composed, the host generator reported the run's flags; alone, they are reported here with --host
    const problems: Problem[] = [...(this.composed ? [] : undeclaredFlagProblems(this)), ...(host ? [] : [unknownHostProblem(this.hostId)])];
    if (!host || problems.length > 0) throw new ProfileError(problems);
    if (this.composed) {
      this.profile = this.options.connectorProfile!;
      return;
    }
    const root = findCheckoutRoot(this.destinationRoot(), host.checkoutMarker);
    if (root) this.destinationRoot(root);
    const name = this.options.name ?? lastStoredName(this.config, this.hostId);
    const stored = name ? storedProfile(this.config, this.hostId, name) : undefined;
    if (!stored) {
      throw new Error(
        `No stored ${host.label} profile${name ? ` named "${name}"` : ''} in ${this.destinationPath('.yo-rc.json')}. ` +
          `Run the ${this.hostId} generator first, or pass --host and --name of a stored connector.`,
      );
    }
    assertValidProfile(host.spec, stored);
    this.profile = stored;
  }

  writing(): void {
    const host = HOSTS[this.hostId]!;
    const profile = this.profile as never;
    const checkoutRoot = findCheckoutRoot(this.destinationRoot(), host.checkoutMarker);
    // Alone, it reports the registration state on disk; composed, what the host generator computed before writing.
    const registration = this.options.registration ?? host.registrations(profile, checkoutRoot);
    const destination = host.briefDestination(profile);
    // with --force every file is replaced by what this run generates: none keeps the user's changes
    const forced = Boolean(this.options.force || (this.env as unknown as { conflicterOptions?: { force?: boolean } }).conflicterOptions?.force);
    const changed = (file: string): boolean => !forced && changedSinceGenerated(this.destinationRoot(), file);
    const warnings = checkoutRoot && host.checkoutWarnings ? host.checkoutWarnings(profile, checkoutRoot) : [];
    const base = briefData(host, profile, registration, destination, changed, this.options.planChanges, warnings);
    // alone, the same sentence the host generator would have passed
    const answers = this.options.answersNote ?? answersFile(this.destinationRoot(), (file) => this.fs.read(file, { defaults: '' }) ?? undefined).note;
    const data = { ...host.templateData(profile), ...base, brief: { ...base.brief, answers } };
    this.fs.copyTpl(this.templatePath(this.hostId, 'CONNECTOR_CONTEXT.md.ejs'), this.destinationPath(destination), data, undefined, {
      noGlob: true,
    });
  }

  /** Alone, a brief left with conflict markers is named at the end (composed, the host generator lists them). */
  end(): void {
    const from = (this.env as unknown as { logCwd?: string }).logCwd ?? process.cwd();
    const markers = markersReport(this.markedFiles.map((file) => path.relative(from, file)));
    if (markers) this.log.info(markers);
  }

  private onlyStoredHost(): string | undefined {
    const connectors = Object.keys((this.config.get('connectors') as Record<string, unknown> | undefined) ?? {});
    const hosts = [...new Set(connectors.map((key) => key.split(':')[0]!))];
    return hosts.length === 1 ? hosts[0] : undefined;
  }
}


function unknownHostProblem(hostId: string): Problem {
  const suggestion = closest(hostId, HOST_IDS);
  return {
    field: 'host',
    message: `must be one of ${HOST_IDS.join(', ')}${suggestion ? `; did you mean ${suggestion}?` : ''} (got "${hostId}")`,
  };
}
