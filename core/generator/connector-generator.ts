/**
 * The shared life cycle of a host generator:
 * initializing (find the checkout) -> prompting (compose the profile) ->
 * configuring (validate, store, registration) -> writing (the file plan,
 * registration, then the brief) -> conflicts (dry-run listing) -> end (summary).
 * Each concern is a module beside this one: options.ts (what a run is given), conversation.ts (the
 * questions), stored-connector.ts (the profile against its stored answers), render.ts, dry-run.ts
 * and commit-task.ts (the all-or-nothing commit Yeoman runs after writing).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clearFileState } from 'mem-fs-editor/state';
import Generator from 'yeoman-generator';
import { markersReport, reportInterruptAsCancelled } from '../commit.js';
import { BRIEF, plannedPath } from '../file-plan.js';
import { helpText } from '../help.js';
import { findCheckoutRoot } from '../host-checkout.js';
import type { HostDefinition, HostProfile } from '../host.js';
import { mergeOutcome, planChanges, type PlanChanges } from '../merge.js';
import { nextStepsText, type RunDone } from '../next-steps.js';
import { mergeSources, readProfileFile, valuesFromOptions, withDefaults } from '../profile/compose.js';
import type { PartialProfile } from '../profile/field.js';
import { ProfileError, checkedProfile, findProblems, type Problem, type ProfileSpec } from '../profile/validate.js';
import { declined, describeEdit, type RegistrationReport } from '../registration.js';
import {
  answersFile,
  lastStoredName,
  storeProfile,
  storedAnswers,
  storedProfile,
  withStoredProfile,
  type StoredAnswers,
} from '../stored-profiles.js';
import { adapterSignal, leaveOutTaskErrorLine, markForced, runFolder, sharedFs, type AnyGenerator } from '../yeoman.js';
import { allOrNothingCommit, laterGenerator } from './commit-task.js';
import { Conversation } from './conversation.js';
import { dryRunListing } from './dry-run.js';
import { canAsk, declareOptions, forcedRun, undeclaredFlagProblems, type ConnectorOptions } from './options.js';
import { renderBrief, renderPlannedFile } from './render.js';
import { inOrderOf, movedConnectorProblems, withoutRunOnly } from './stored-connector.js';

export abstract class ConnectorGenerator<P extends HostProfile> extends Generator<Record<string, unknown>, ConnectorOptions> {
  protected abstract readonly host: HostDefinition<P>;
  /** the profile as composed from flags, file, stored answers and prompts, before configuring checks it */
  private composed: PartialProfile = {};
  /** the checked profile, typed as its host's (set in configuring, once it has no problem) */
  protected profile!: P;
  /** configuring has checked the profile: before it, a commit has nothing of this run's to refresh */
  private configured = false;
  protected checkoutRoot: string | undefined;
  protected registration!: RegistrationReport;
  private answers!: ReturnType<typeof answersFile>;
  private refreshed = false;
  /** this run's plan against the last one recorded: the user's deletions, files no longer planned */
  private lifecycle: { connector: string; planned: string[]; changes: PlanChanges } | undefined;
  /** the questions of this run, once the checkout is known; what they learnt names the problems */
  private conversation!: Conversation;
  /** files holding conflict markers after the commit (absolute), listed at the end of the run */
  private markedFiles = new Set<string>();
  /** flags typed that this generator does not declare: reported with the profile's problems, nothing asked */
  private undeclaredFlags: Problem[] = [];
  /** the rederived fields no flag, file, stored answer set by the user or prompt gave: this run derived them */
  private derivedFields: string[] = [];

  constructor(args: string[], options: ConnectorOptions, spec: ProfileSpec) {
    // customInstallTask: these generators never install packages, so skip yeoman's package.json install step.
    // Yeoman's extension point for the commit: ours writes every file or none (core/commit.ts).
    // Features are frozen once passed, so the task reaches the generator through a holder filled in below.
    const self = laterGenerator<ConnectorGenerator<P>>();
    const commit = allOrNothingCommit(self.get, () => ({
      refresh: () => {
        self.get().refreshSharedFiles();
      },
      lifecycle: self.get().takeLifecycle(),
      // Yeoman may run the commit twice (see takeLifecycle): what each found is kept
      onMarkers: (files) => {
        for (const file of files) self.get().markedFiles.add(file);
      },
    }));
    super(args, options, { inheritTasks: true, customInstallTask: true, customCommitTask: commit });
    self.set(this);
    leaveOutTaskErrorLine(this);
    declareOptions(this, spec);
    this.option('skip-register', { type: Boolean, description: 'Do not edit host files to register the connector' });
  }

  /** What `yo connector:<generator> --help` prints: the same text as the bin's (core/help.ts). */
  override help(): string {
    const namespace = typeof this.options.namespace === 'string' ? this.options.namespace : `connector:${this.host.spec.host}`;
    // the app generator is what `yo connector` runs
    return helpText(`yo ${namespace.replace(/:app$/, '')}`, this.host.summary, this.host.spec.fields);
  }

  initializing(): void {
    // Ctrl-C at any question or conflict: the bin's message and exit status 130, under yo too
    reportInterruptAsCancelled(adapterSignal(this));
    this.undeclaredFlags = undeclaredFlagProblems(this);
    this.checkoutRoot = findCheckoutRoot(this.destinationRoot(), this.host.checkoutMarker);
    if (this.checkoutRoot) this.destinationRoot(this.checkoutRoot);
    this.conversation = new Conversation(this, this.host, this.checkoutRoot);
  }

  async prompting(): Promise<void> {
    const { spec } = this.host;
    // a mistyped flag fails the run: asking questions first would only lose the answers
    const asking = canAsk(this.options) && this.undeclaredFlags.length === 0;
    const flags = valuesFromOptions(spec, this.options);
    let file: PartialProfile = {};
    try {
      if (this.options.profile) file = readProfileFile(spec, this.options.profile);
    } catch (error) {
      // an unreadable profile file is one more problem of the run: the mistyped flags are reported with it
      throw error instanceof ProfileError ? new ProfileError([...this.undeclaredFlags, ...error.problems]) : error;
    }
    let profile = mergeSources(file, flags);
    if (profile.name === undefined && asking) {
      // The name picks the stored answers, so it is asked first; the last connector generated is the default.
      profile.name = await this.conversation.askName(profile, lastStoredName(this.config, spec.host));
    }
    // without the values a run derived, which follow this run's answers
    const stored = typeof profile.name === 'string' ? storedAnswers(this.config, spec.host, profile.name, spec.fields) : undefined;
    const implied = this.checkoutRoot && this.host.checkoutDefaults ? this.host.checkoutDefaults(this.checkoutRoot) : {};
    const reask = Boolean(this.options.askAnswered) && asking && stored !== undefined;
    // --ask-answered: the stored answers become the defaults of questions asked again
    profile = reask ? mergeSources(implied, profile) : mergeSources(mergeSources(stored ?? {}, implied), profile);
    this.conversation.markSupplied(Object.keys(profile));
    // A stored profile was complete when stored: optional fields left empty then stay empty.
    if (asking && (!stored || reask)) await this.conversation.askMissing(profile, reask ? stored : {});
    if (reask) profile = mergeSources(stored, profile);
    if (canAsk(this.options)) await this.conversation.offerFixes(profile);
    this.derivedFields = spec.fields.filter((f) => f.rederived && profile[f.name] === undefined).map((f) => f.name);
    const complete = withDefaults(spec, profile);
    // a value derived again goes back to its place: a re-run that changes nothing stores the same text
    const storedOrder = typeof profile.name === 'string' ? Object.keys(storedProfile(this.config, spec.host, profile.name) ?? {}) : [];
    this.composed = inOrderOf(storedOrder, complete);
  }

  configuring(): void {
    const { spec } = this.host;
    const profile = this.composed;
    const stored = typeof profile.name === 'string' ? storedProfile(this.config, spec.host, profile.name) : undefined;
    // first: the other answers stored with the connector (its connection type) only follow from this one
    const moved = movedConnectorProblems(this.host, profile, stored);
    if (moved.length > 0) throw new ProfileError([...this.undeclaredFlags, ...moved]);
    const checkoutProblems = this.checkoutRoot && this.host.checkoutProblems ? this.host.checkoutProblems(profile, this.checkoutRoot, stored) : [];
    // a value typed at a prompt is named by its question, not by a flag
    const problems = [...this.undeclaredFlags, ...findProblems(spec, profile, checkoutProblems).map((p) => this.conversation.namingTheQuestion(p))];
    // A default derived from a bad value (a scheme from a bad name) would only repeat the problem.
    const supplied = problems.filter((p) => this.conversation.isSupplied(p.field) || !(p.field in profile));
    if (problems.length > 0) throw new ProfileError(supplied.length > 0 ? supplied : problems);
    this.profile = checkedProfile<P>(profile);
    this.configured = true;

    storeProfile(this.config, spec.host, this.storedAnswers());
    const planned = this.host.plan(this.profile, this.checkoutRoot).map((f) => f.destination);
    const connector = `${spec.host}:${this.profile.name}`;
    this.lifecycle = { connector, planned, changes: planChanges(this.destinationRoot(), connector, planned, this.forced()) };
    this.answers = answersFile(this.destinationRoot(), (file) => this.fs.read(file, { defaults: '' }));
    const registration = this.host.registrations(this.profile, this.checkoutRoot);
    // what this run registers, computed before writing: reading the files again later would find the edits already made
    this.registration = this.options.skipRegister ? declined(registration) : registration;
  }

  writing(): void {
    const plan = this.host.plan(this.profile, this.checkoutRoot);
    const data = this.host.templateData(this.profile);
    for (const file of plan.filter((f) => f.id !== BRIEF)) renderPlannedFile(this, file, data);
    // no longer planned and as generated: deleted through mem-fs, so the commit removes it with the rest or not at all
    if (!this.options.dryRun) for (const file of this.lifecycle?.changes.delete ?? []) this.fs.delete(this.destinationPath(file));
    // a forced edit like registration's, so it lands with the files or not at all
    const exclude = this.answers.excludeEdit;
    if (exclude && !this.options.dryRun) {
      this.fs.write(exclude.file, exclude.contents);
      markForced(this, exclude.file);
    }
    for (const edit of this.registration.edits.filter((e) => e.outcome === 'added')) {
      this.fs.write(this.destinationPath(edit.file), edit.contents ?? '');
      markForced(this, this.destinationPath(edit.file));
    }
    // last: it reports the registration written above and every other file of the plan
    const run = {
      plan,
      data,
      registration: this.registration,
      changes: this.lifecycle?.changes,
      checkoutWarnings: this.checkoutWarnings(),
      answers: this.answers.note,
    };
    renderBrief(this, this.host, this.profile, run);
  }

  /** Runs after every composed generator has written to memory, before the commit. */
  conflicts(): void {
    if (this.options.dryRun) this.logDryRun();
  }

  end(): void {
    const { edits, checkoutRoot } = this.registration;
    if (!checkoutRoot) {
      // one line, whatever the number of edits: the reason is the same for all of them
      const why = edits.find((e) => e.reason)?.reason ?? `no ${this.host.label} checkout (looked for ${this.host.checkoutMarker}/)`;
      const where = this.options.dryRun ? 'The files would be written under this folder.' : 'The files were written under this folder.';
      this.log.info(`Registration skipped: ${why}, from ${this.destinationRoot()}. ${where}`);
    }
    // a dry run printed its plan (registration edits included) and wrote nothing: no line may say otherwise
    if (this.options.dryRun) {
      for (const warning of this.checkoutWarnings()) this.log.info(`Warning: ${warning}.`);
      this.log.info('Dry run: nothing was written.');
      return;
    }
    if (checkoutRoot) for (const edit of edits) this.log.info(`Registration: ${describeEdit(edit)}`);
    for (const warning of this.checkoutWarnings()) this.log.info(`Warning: ${warning}.`);
    this.log.info(this.answers.shownNote(runFolder(this)));
    for (const report of this.runReports()) this.log.info(report);
    // what to do now: paths relative to the folder the user ran in, as Yeoman prints the files it wrote
    const brief = shownPath(this, this.destinationPath(plannedPath(this.host.plan(this.profile, this.checkoutRoot), BRIEF)));
    const root = this.checkoutRoot ? shownPath(this, this.checkoutRoot) : undefined;
    this.log.info(nextStepsText(brief, root, this.host.nextSteps(this.profile, this.runDone())));
    // last, so the files to resolve are what the user reads first when the run ends
    const markers = markersReport([...this.markedFiles].sort().map((file) => shownPath(this, file)));
    if (markers) this.log.info(markers);
  }

  /** What a host's own work in this run has to say, before the next steps. */
  protected runReports(): string[] {
    return [];
  }

  /** What this run did of the next steps (a host generator that does one says so). */
  protected runDone(): RunDone {
    return {};
  }

  private forced(): boolean {
    return forcedRun(this);
  }

  private checkoutWarnings(): string[] {
    return this.checkoutRoot && this.host.checkoutWarnings ? this.host.checkoutWarnings(this.profile, this.checkoutRoot) : [];
  }

  /** Once: Yeoman runs the commit again when files change during it, and that one must not report the plan again. */
  private takeLifecycle(): ConnectorGenerator<P>['lifecycle'] {
    const lifecycle = this.lifecycle;
    this.lifecycle = undefined;
    return lifecycle;
  }

  /**
   * Called by the commit with the checkout's lock held (core/commit.ts): the files other runs may
   * have edited since this run read them (the host files registration edits, the git exclude file,
   * `.yo-rc.json`) are read again and this run's additions made to what is on disk now, so runs
   * side by side keep each other's entries.
   */
  private refreshSharedFiles(): void {
    // Once: writing to mem-fs during the commit makes Yeoman queue another commit (for files a
    // conflicter changes), and a refresh there would queue one more, for ever.
    if (this.options.dryRun || !this.configured || this.refreshed) return;
    this.refreshed = true;
    const store = sharedFs(this);
    const fromDisk = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    const wrote = this.registration.edits.filter((e) => e.outcome === 'added').map((e) => this.destinationPath(e.file));
    const now = this.options.skipRegister ? [] : this.host.registrations(this.profile, this.checkoutRoot).edits.filter((e) => e.outcome === 'added');
    const exclude = answersFile(this.destinationRoot(), fromDisk).excludeEdit;
    const edits = [...now.map((e) => ({ file: this.destinationPath(e.file), contents: e.contents ?? '' })), ...(exclude ? [exclude] : [])];
    // already on disk as this run wants them (another run added the same entries): nothing to write
    for (const file of [...wrote, ...(this.answers.excludeEdit ? [this.answers.excludeEdit.file] : [])]) clearFileState(store.get(file));
    // in order: when several edits touch one file, the last holds them all (as in writing())
    for (const edit of edits) {
      this.fs.write(edit.file, edit.contents);
      markForced(this, edit.file);
    }
    const answers = this.config.path;
    this.fs.writeJSON(answers, withStoredProfile(fromDisk(answers), this.rootGeneratorName(), this.host.spec.host, this.storedAnswers()));
  }

  /** The profile as stored, and which of its rederived values this run derived (for a host that has such fields). */
  private storedAnswers(): StoredAnswers {
    const { spec } = this.host;
    const profile = withoutRunOnly(spec, this.profile);
    return spec.fields.some((f) => f.rederived) ? { profile, derived: this.derivedFields } : { profile };
  }

  /** The file plan, each file with what a real run would do to it (core/generator/dry-run.ts). */
  private logDryRun(): void {
    const listing = dryRunListing({
      planned: this.host.plan(this.profile, this.checkoutRoot).map((f) => f.destination),
      statusOf: (destination) =>
        mergeOutcome(this.destinationRoot(), destination, Buffer.from(this.fs.read(this.destinationPath(destination), { defaults: '' }))).status,
      changes: this.lifecycle?.changes ?? { absent: [], delete: [], obsolete: [] },
      force: this.forced(),
      registration: this.registration,
      shown: (destination) => shownPath(this, this.destinationPath(destination)),
    });
    this.log.info(listing);
  }
}

/** A path as the user's shell sees it: relative to the folder the run started in (Yeoman's logCwd). */
function shownPath(generator: AnyGenerator, absolute: string): string {
  return path.relative(runFolder(generator), absolute) || '.';
}
