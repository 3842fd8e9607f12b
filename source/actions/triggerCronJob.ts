// Trigger a CronJob by hand, as `kubectl create job NAME --from=cronjob/CJ` does: a Job named
// NAME, made of the CronJob's jobTemplate (its labels, its annotations plus
// cronjob.kubernetes.io/instantiate: manual, its spec), controlled by the CronJob, so the
// CronJob's history and garbage collection see it as one of its own.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {ActionRefused, type MutationOutcome} from './mutations.js';

export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';
/** A Job's name becomes its pods' job-name label value, so it is kept to a label's 63 characters. */
const MAX_NAME = 63;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const cronJobPath = (namespace: string, name: string) => `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/cronjobs/${encodeURIComponent(name)}`;
const jobsPath = (namespace: string) => `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`;

function rec(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A name for a manual run: the CronJob's name (cut to fit), '-manual-', and a time-based suffix. */
export function manualJobName(cronJob: string, now: Date): string {
	const suffix = `manual-${Math.floor(now.getTime() / 1000).toString(36).slice(-6)}`;
	const stem = cronJob.slice(0, MAX_NAME - suffix.length - 1).replace(/-+$/, '');
	return `${stem}-${suffix}`;
}

/** Why a Job name is not acceptable, or undefined. */
export function checkJobName(name: string): string | undefined {
	if (name.length === 0) return 'a job name is needed';
	if (name.length > MAX_NAME) return `a job name has at most ${MAX_NAME} characters (${name.length} given)`;
	if (!DNS_LABEL.test(name)) return `"${name}" is not a valid job name (lowercase letters, digits and '-', starting and ending with a letter or digit)`;
	return undefined;
}

/** The Job kubectl would create from this CronJob (pure: the CronJob is not modified). */
export function jobFromCronJob(cronJob: KubeObject, jobName: string): KubeObject {
	const template = rec(rec(cronJob.spec)?.['jobTemplate']);
	if (!template) throw new ActionRefused('Invalid', `cronjob ${cronJob.metadata.name} has no jobTemplate`);
	const templateMeta = rec(template['metadata']) ?? {};
	const annotations = {[INSTANTIATE_ANNOTATION]: 'manual', ...(rec(templateMeta['annotations']) as Record<string, string> | undefined)};
	const labels = rec(templateMeta['labels']) as Record<string, string> | undefined;
	const job = {
		apiVersion: 'batch/v1',
		kind: 'Job',
		metadata: {
			name: jobName,
			...(cronJob.metadata.namespace ? {namespace: cronJob.metadata.namespace} : {}),
			annotations,
			...(labels ? {labels} : {}),
			ownerReferences: [{apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid, controller: true}],
		},
		spec: rec(template['spec']) ?? {},
	};
	return job as unknown as KubeObject;
}

export async function triggerCronJob(api: Transport, namespace: string, name: string, jobName: string, dryRun = false): Promise<MutationOutcome> {
	const invalid = checkJobName(jobName);
	if (invalid) throw new ActionRefused('Invalid', invalid);
	const cronJob = await api.request<KubeObject>({path: cronJobPath(namespace, name)});
	const job = jobFromCronJob(cronJob, jobName);
	const created = await api.request<KubeObject>({method: 'POST', path: jobsPath(namespace), body: job, ...(dryRun ? {query: {dryRun: 'All'}} : {})});
	const message = `job.batch/${created.metadata?.name ?? jobName} created from cronjob.batch/${name}`;
	return {message: dryRun ? `${message} (server dry run)` : message, details: {job: created.metadata?.name ?? jobName, ...(created.metadata?.uid ? {uid: created.metadata.uid} : {}), ...(dryRun ? {dryRun: true} : {})}};
}
