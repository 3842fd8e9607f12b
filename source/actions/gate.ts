// The one door every mutation goes through. Order matters: read-only is checked before
// anything else (no API call at all), then confirmation for destructive verbs, then input
// validation, then the call; every call that reached the API leaves an audit line.
import type {AuditLog} from './audit.js';
import {KubeError} from '../kube/kubeError.js';
import type {Transport} from '../kube/transport.js';
import {drainNode} from './drain.js';
import type {DrainOptions, DrainPodResult} from './drain.js';
import {ActionRefused, deleteObject, killPod, parseReplicas, readScale, restart, scale, setUnschedulable} from './mutations.js';
import type {MutationOutcome} from './mutations.js';
import {qualifiedName} from './paths.js';
import {editChangesReplicas, hpaWarning, scaleRisk} from './scaleRule.js';
import {readHpaOwner} from './hpaOwner.js';
import {addDebugContainer} from './execDebug.js';
import {editMetadata} from './metadata.js';
import type {MetadataEdits} from '../model/metadataEdits.js';
import {verbFits} from './targets.js';
import {genericVerbFits, type GenericTarget} from './genericTarget.js';
import {revealKey} from './reveal.js';
import {undoRollout} from './rollback.js';
import {setImage} from './setImage.js';
import {triggerCronJob} from './triggerCronJob.js';
import {editedFields, writeEdit} from './editObject.js';
import {suspendCronJob} from './suspendCronJob.js';
import {applyObject, FIELD_MANAGER, type ApplyResource} from './applyObject.js';
import type {KubeObject} from '../model/types.js';

export interface ActionContext {
	readonly readonly: boolean;
	readonly audit: AuditLog;
	readonly client: Transport;
	/** Who is acting, for audit lines. */
	readonly identity: {context: string; user: string};
	/** settings.revealSecrets: false turns revealing secret values off entirely. */
	readonly revealSecrets?: boolean;
	/** Highest replica count accepted (settings.scaleCeiling). */
	readonly scaleCeiling?: number;
	readonly now?: () => Date;
}

type Target = {namespace?: string; name: string; confirmed?: boolean};

export type Intent =
	| (Target & {verb: 'scale'; kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet'; namespace: string; replicas: number | string})
	| (Target & {verb: 'restart'; kind: 'Deployment'; namespace: string})
	| (Target & {verb: 'delete'; kind: string; gracePeriodSeconds?: number; force?: boolean; /** a kind discovery found: where it lives and the verbs the server offers */ resource?: GenericTarget})
	| (Target & {verb: 'kill'; kind: 'Pod'; namespace: string})
	| (Target & {verb: 'cordon' | 'uncordon'; kind: 'Node'})
	| (Target & {verb: 'drain'; kind: 'Node'; options?: DrainOptions; onProgress?: (result: DrainPodResult) => void})
	/** kubectl rollout undo --to-revision (0: the revision before the current one). */
	| (Target & {verb: 'undo'; kind: 'Deployment'; namespace: string; toRevision: number; dryRun?: boolean})
	/** kubectl set image for one container; dryRun asks the server what it would store. */
	| (Target & {verb: 'setImage'; kind: 'Deployment'; namespace: string; container: string; image: string; dryRun?: boolean; /** The image the question showed: refused if it changed meanwhile. */ from?: string})
	/** Not a mutation but a read of sensitive data: allowed in read-only mode, asked first, audited. */
	| (Target & {verb: 'reveal'; kind: 'Secret'; namespace: string; key: string})
	/** kubectl create job JOBNAME --from=cronjob/NAME: one run of a CronJob now. */
	| (Target & {verb: 'trigger'; kind: 'CronJob'; namespace: string; jobName: string; dryRun?: boolean})
	/** Adds an ephemeral debug container (execDebug.ts). */
	| (Target & {verb: 'debug'; kind: 'Pod'; namespace: string; container: string; image: string; target: string})
	/** Labels or annotations added, changed, removed (kubectl label / annotate). */
	| (Target & {verb: 'label'; kind: string; edits: MetadataEdits; /** a kind discovery found */ resource?: GenericTarget})
	/** The object edited in $EDITOR, PUT with the resourceVersion of readAt (editObject.ts); dryRun answers the diff. */
	| (Target & {verb: 'edit'; kind: string; object?: KubeObject; readAt?: KubeObject; dryRun?: boolean; /** a kind discovery found */ resource?: GenericTarget; /** The HPA the question named, when the edit changes replicas it owns. */ hpa?: string})
	/** spec.suspend of a CronJob set to this value (suspendCronJob.ts). */
	| (Target & {verb: 'suspend'; kind: 'CronJob'; namespace: string; suspend: boolean})
	/** Server-side apply of one manifest object with field manager kubedeck (applyObject.ts); any kind discovery serves. */
	| (Target & {verb: 'apply'; kind: string; object: KubeObject; resource: ApplyResource; dryRun?: boolean; force?: boolean});

export type Verb = Intent['verb'];

export type ActionResult =
	| {ok: true; message: string; details?: Record<string, unknown>}
	| {ok: false; message: string; reason: string; code: number; details?: Record<string, unknown>};

/** Verbs that lose work or capacity: the view must have asked, and says so with confirmed: true. */
const NEEDS_CONFIRMATION: ReadonlySet<Verb> = new Set<Verb>(['delete', 'kill', 'drain', 'restart', 'reveal', 'undo', 'setImage', 'trigger', 'label', 'edit', 'suspend', 'apply']);

function targetText(intent: Intent): string {
	return `${intent.kind.toLowerCase()} ${qualifiedName(intent.namespace, intent.name)}`;
}

function refuse(reason: string, message: string): ActionResult {
	return {ok: false, reason, code: 0, message};
}

/** An API failure as the action that failed plus the transport's explanation (which keeps the server's words). */
export function describeFailure(intent: Intent, error: unknown): ActionResult {
	if (error instanceof ActionRefused) return refuse(error.reason, error.message);
	if (!(error instanceof KubeError)) {
		return {ok: false, reason: 'InternalError', code: 0, message: `${intent.verb} ${targetText(intent)} failed: ${(error as Error).message ?? String(error)}`};
	}
	const message = `cannot ${intent.verb} ${targetText(intent)}: ${error.message}`;
	return {ok: false, reason: error.reason, code: error.status, message, ...(error.details ? {details: error.details} : {})};
}

function auditArgs(intent: Intent): Record<string, unknown> | undefined {
	switch (intent.verb) {
		case 'scale':
			return {replicas: intent.replicas};
		case 'delete':
			return {gracePeriodSeconds: intent.force ? 0 : intent.gracePeriodSeconds, force: intent.force ?? false};
		case 'kill':
			return {gracePeriodSeconds: 0};
		case 'reveal':
			return {key: intent.key};
		case 'undo':
			return {toRevision: intent.toRevision, ...(intent.dryRun ? {dryRun: true} : {})};
		case 'setImage':
			return {container: intent.container, image: intent.image, ...(intent.dryRun ? {dryRun: true} : {})};
		case 'trigger':
			return {jobName: intent.jobName, ...(intent.dryRun ? {dryRun: true} : {})};
		case 'debug':
			return {container: intent.container, image: intent.image, targetContainerName: intent.target};
		case 'suspend':
			return {suspend: intent.suspend};
		case 'apply':
			return {apiVersion: intent.object.apiVersion, fieldManager: FIELD_MANAGER, ...(intent.force ? {force: true} : {}), ...(intent.dryRun ? {dryRun: true} : {})};
		case 'label':
			return {field: intent.edits.field, set: Object.fromEntries(intent.edits.set), remove: intent.edits.remove};
		case 'edit':
			// Which fields, never their values (a Secret's data stays off the log).
			return {resourceVersion: intent.readAt?.metadata?.resourceVersion, fields: intent.object && intent.readAt ? editedFields(intent.readAt, intent.object) : [], ...(intent.dryRun ? {dryRun: true} : {})};
		case 'drain': {
			const {signal: _signal, onRetry: _onRetry, ...options} = intent.options ?? {};
			return options;
		}
		default:
			return undefined;
	}
}

async function run(ctx: ActionContext, intent: Intent): Promise<MutationOutcome & {ok?: boolean}> {
	const {client: api} = ctx;
	switch (intent.verb) {
		case 'scale': {
			const replicas = Number(intent.replicas);
			const from = await readScale(api, intent.kind, intent.namespace, intent.name);
			// The count is read here, so the jump rule sees the truth even if the dialog's prefill lagged.
			if (scaleRisk(from, replicas) === 'jump' && intent.confirmed !== true) {
				throw new ActionRefused('NotConfirmed', `scaling ${targetText(intent)} from ${from} to ${replicas} (more than 10×) needs confirmation`);
			}
			// An HPA would undo the change at its next sync: the user says yes knowing that.
			const owner = intent.confirmed === true ? undefined : await readHpaOwner(api, intent.kind, intent.namespace ?? '', intent.name);
			if (owner) throw new ActionRefused('NotConfirmed', `scaling ${targetText(intent)} needs confirmation: ${hpaWarning(owner)}`);
			return scale(api, intent.kind, intent.namespace, intent.name, replicas, from);
		}
		case 'restart':
			return restart(api, intent.namespace, intent.name, (ctx.now ?? (() => new Date()))());
		case 'delete':
			return deleteObject(api, intent.resource ?? intent.kind, intent.namespace, intent.name, {
				...(intent.gracePeriodSeconds !== undefined ? {gracePeriodSeconds: intent.gracePeriodSeconds} : {}),
				...(intent.force ? {force: true} : {}),
			});
		case 'kill':
			return killPod(api, intent.namespace, intent.name);
		case 'cordon':
		case 'uncordon':
			return setUnschedulable(api, intent.name, intent.verb === 'cordon');
		case 'reveal':
			return revealKey(api, intent.namespace, intent.name, intent.key);
		case 'undo':
			return undoRollout(api, intent.namespace, intent.name, intent.toRevision, intent.dryRun);
		case 'setImage':
			return setImage(api, intent.kind, intent.namespace, intent.name, intent.container, intent.image, intent.dryRun, intent.from);
		case 'trigger':
			return triggerCronJob(api, intent.namespace, intent.name, intent.jobName, intent.dryRun);
		case 'label':
			return editMetadata(api, intent.resource ?? intent.kind, intent.namespace, intent.name, intent.edits);
		case 'edit': {
			if (!intent.object || !intent.readAt) throw new ActionRefused('Invalid', `edit ${targetText(intent)}: there is no edited object to send`);
			// A new replica count is a scale by other means: an HPA owning it undoes it, so the yes must have named the HPA.
			const owner = !intent.resource && editChangesReplicas(intent.kind, intent.readAt, intent.object) ? await readHpaOwner(api, intent.kind, intent.namespace ?? '', intent.name) : undefined;
			if (owner && intent.dryRun !== true && intent.hpa !== owner.name) throw new ActionRefused('NotConfirmed', `editing the replicas of ${targetText(intent)} needs confirmation: ${hpaWarning(owner)}`);
			const outcome = await writeEdit(api, {target: intent.resource ?? intent.kind, namespace: intent.namespace, name: intent.name, object: intent.object, readAt: intent.readAt, dryRun: intent.dryRun === true});
			return owner ? {...outcome, details: {...outcome.details, hpa: owner}} : outcome;
		}
		case 'suspend':
			return suspendCronJob(api, intent.namespace, intent.name, intent.suspend);
		case 'apply':
			return applyObject(api, intent);
		case 'debug':
			return addDebugContainer(api, intent.namespace, intent.name, {name: intent.container, image: intent.image, target: intent.target});
		case 'drain': {
			const report = await drainNode(api, intent.name, intent.options ?? {}, intent.onProgress);
			return {ok: report.ok, message: report.message, details: {pods: report.pods}};
		}
	}
}

/** Performs one mutation; never throws. */
export async function performAction(ctx: ActionContext, intent: Intent): Promise<ActionResult> {
	if (intent.verb === 'reveal' && ctx.revealSecrets === false) {
		return refuse('Disabled', 'revealing secret values is turned off (revealSecrets: false in config.yaml)');
	}
	// A reveal changes nothing, so read-only mode allows it; everything else stops here.
	if (ctx.readonly && intent.verb !== 'reveal') {
		return refuse('ReadOnly', `read-only mode: ${intent.verb} is disabled (started with --readonly)`);
	}
	const dryRun = 'dryRun' in intent && intent.dryRun === true;
	if (NEEDS_CONFIRMATION.has(intent.verb) && intent.confirmed !== true && !dryRun) {
		return refuse('NotConfirmed', `${intent.verb} ${targetText(intent)} needs confirmation first`);
	}
	const generic = intent.verb === 'delete' || intent.verb === 'label' || intent.verb === 'edit' ? intent.resource : undefined;
	if (generic ? !genericVerbFits(intent.verb, generic) : !verbFits(intent.verb, intent.kind)) {
		return refuse('Unsupported', generic ? `the server does not offer ${intent.verb} on ${generic.plural}` : `kubedeck cannot ${intent.verb} objects of kind ${intent.kind}`);
	}
	const clusterScoped = intent.verb === 'apply' ? !intent.resource.namespaced : generic ? generic.scope === 'Cluster' : intent.kind === 'Node' || intent.kind === 'Namespace';
	if (!clusterScoped && !intent.namespace) {
		return refuse('Invalid', `${intent.verb} ${intent.kind.toLowerCase()} ${intent.name}: the namespace is missing`);
	}
	if (intent.verb === 'scale') {
		const parsed = parseReplicas(intent.replicas, ctx.scaleCeiling ?? 1000);
		if (!parsed.ok) return refuse('Invalid', parsed.message);
		// Zero is risky whatever the count is now, so this refusal needs no API read.
		if (scaleRisk(undefined, parsed.value) === 'zero' && intent.confirmed !== true) {
			return refuse('NotConfirmed', `scaling ${targetText(intent)} to 0 stops all its pods and needs confirmation`);
		}
		intent = {...intent, replicas: parsed.value};
	}
	if (intent.verb === 'delete' && intent.gracePeriodSeconds !== undefined && (!Number.isInteger(intent.gracePeriodSeconds) || intent.gracePeriodSeconds < 0)) {
		return refuse('Invalid', `grace period must be a whole number of seconds ≥ 0, got ${intent.gracePeriodSeconds}`);
	}
	let result: ActionResult;
	try {
		const outcome = await run(ctx, intent);
		result = outcome.ok === false
			? {ok: false, reason: 'Incomplete', code: 0, message: outcome.message, ...(outcome.details ? {details: outcome.details} : {})}
			: {ok: true, message: outcome.message, ...(outcome.details ? {details: outcome.details} : {})};
	} catch (error) {
		result = describeFailure(intent, error);
	}
	// Refusals decided before the API was touched are not mutations; everything else is recorded.
	if (!(result.ok === false && (result.reason === 'NotConfirmed' || result.reason === 'Paused'))) {
		const args = auditArgs(intent);
		ctx.audit.append({
			time: (ctx.now ?? (() => new Date()))().toISOString(),
			context: ctx.identity.context,
			user: ctx.identity.user,
			verb: intent.verb,
			kind: intent.kind,
			...(intent.namespace ? {namespace: intent.namespace} : {}),
			name: intent.name,
			...(intent.verb === 'reveal' ? {category: 'sensitive-read' as const} : {}),
			...(args ? {args} : {}),
			result: result.ok ? {ok: true, message: result.message} : {ok: false, message: result.message, reason: result.reason, code: result.code},
		});
	}
	return result;
}
