/**
 * `connector:context-doc`: writes CONNECTOR_CONTEXT.md, the implementation brief, again from the profile
 * stored in .yo-rc.json. It runs its host's file plan filtered to the brief, rendered as the host
 * generator renders it, with the checkout's registration state as it is now.
 */
import path from 'node:path';
import Generator from 'yeoman-generator';
import { closest } from '../../core/closest.js';
import { markersReport, reportInterruptAsCancelled } from '../../core/commit.js';
import { allOrNothingCommit, laterGenerator } from '../../core/generator/commit-task.js';
import { undeclaredFlagProblems, type ConnectorOptions } from '../../core/generator/options.js';
import { renderBrief } from '../../core/generator/render.js';
import { helpText } from '../../core/help.js';
import { findCheckoutRoot } from '../../core/host-checkout.js';
import type { HostDefinition } from '../../core/host.js';
import { dashed } from '../../core/profile/field.js';
import { assertValidProfile, checkedProfile, ProfileError, type Problem } from '../../core/profile/validate.js';
import { answersFile, lastStoredName, storedProfile } from '../../core/stored-profiles.js';
import { adapterSignal, leaveOutTaskErrorLine, runFolder } from '../../core/yeoman.js';
import { HOSTS, HOST_IDS, hostEntry } from '../hosts.js';
import { CONTEXT_DOC_RUN_FLAGS, CONTEXT_DOC_SUMMARY, contextDocFields } from './flags.js';

type ContextDocOptions = ConnectorOptions & { host?: string; name?: string };

export default class ContextDocGenerator extends Generator<Record<string, unknown>, ContextDocOptions> {
  private host!: HostDefinition<never>;
  private profile!: never;
  /** the brief, when this run left it holding conflict markers */
  private markedFiles: string[] = [];

  constructor(args: string[], options: ContextDocOptions) {
    // Features are frozen once passed, so the commit reaches the generator through a holder filled in below.
    const self = laterGenerator<ContextDocGenerator>();
    const commit = allOrNothingCommit(self.get, () => ({
      onMarkers: (files) => {
        self.get().markedFiles.push(...files);
      },
    }));
    // customInstallTask: nothing to install, so no package.json install step (and no message about one)
    super(args, options, { customCommitTask: commit, customInstallTask: true });
    self.set(this);
    leaveOutTaskErrorLine(this);
    for (const field of contextDocFields) this.option(dashed(field.name), { type: String, description: field.help });
    this.option('interactive', { type: Boolean, description: 'Ask about conflicts (default: when stdin is a terminal)' });
  }

  /** What `yo connector:context-doc --help` prints: the same text as the bin's. */
  override help(): string {
    return helpText('yo connector:context-doc', CONTEXT_DOC_SUMMARY, contextDocFields, { heading: 'Flags:', runFlags: CONTEXT_DOC_RUN_FLAGS });
  }

  async initializing(): Promise<void> {
    // a Ctrl-C at its conflict prompt ends the run as the host generators' do
    reportInterruptAsCancelled(adapterSignal(this));
    const hostId = this.options.host ?? (await this.hostOfCheckout()) ?? this.onlyStoredHost() ?? 'openmetadata';
    const entry = hostEntry(hostId);
    const problems: Problem[] = [...undeclaredFlagProblems(this), ...(entry ? [] : [unknownHostProblem(hostId)])];
    if (!entry || problems.length > 0) throw new ProfileError(problems);
    this.host = await entry.definition();
    // the brief's template is its host's, as every planned file's
    this.sourceRoot(this.host.templates);
    const root = findCheckoutRoot(this.destinationRoot(), this.host.checkoutMarker);
    if (root) this.destinationRoot(root);
    const name = this.options.name ?? lastStoredName(this.config, hostId);
    const stored = name ? storedProfile(this.config, hostId, name) : undefined;
    if (!stored) {
      throw new Error(
        `No stored ${this.host.label} profile${name ? ` named "${name}"` : ''} in ${this.destinationPath('.yo-rc.json')}. ` +
          `Run the ${hostId} generator first, or pass --host and --name of a stored connector.`,
      );
    }
    assertValidProfile(this.host.spec, stored);
    this.profile = checkedProfile(stored);
  }

  writing(): void {
    const { host, profile } = this;
    const checkoutRoot = findCheckoutRoot(this.destinationRoot(), host.checkoutMarker);
    const answers = answersFile(this.destinationRoot(), (file) => this.fs.read(file, { defaults: '' })).note;
    renderBrief(this, host, profile, {
      plan: host.plan(profile, checkoutRoot),
      data: host.templateData(profile),
      registration: host.registrations(profile, checkoutRoot),
      // alone, no plan is compared with the last run's: the brief lists no deletions
      changes: undefined,
      checkoutWarnings: checkoutRoot && host.checkoutWarnings ? host.checkoutWarnings(profile, checkoutRoot) : [],
      answers,
    });
  }

  /** A brief left with conflict markers is named at the end. */
  end(): void {
    const markers = markersReport(this.markedFiles.map((file) => path.relative(runFolder(this), file)));
    if (markers) this.log.info(markers);
  }

  /** The one host whose checkout the run is in, if it is in exactly one. */
  private async hostOfCheckout(): Promise<string | undefined> {
    const found: string[] = [];
    for (const entry of HOSTS) {
      const definition = await entry.definition();
      if (findCheckoutRoot(this.destinationRoot(), definition.checkoutMarker)) found.push(entry.id);
    }
    return found.length === 1 ? found[0] : undefined;
  }

  private onlyStoredHost(): string | undefined {
    const connectors = Object.keys((this.config.get('connectors') as Record<string, unknown> | undefined) ?? {});
    const hosts = [...new Set(connectors.map((key) => key.split(':', 1)[0] ?? key))];
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
