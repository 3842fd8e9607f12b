// Suspend or resume a CronJob, as `kubectl patch cronjob NAME -p '{"spec":{"suspend":true}}'`:
// a merge patch of spec.suspend alone. The value asked for is sent (not a flip of what the
// server holds now), so a question answered late cannot undo someone else's change.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import type {MutationOutcome} from './mutations.js';

const cronJobPath = (namespace: string, name: string) => `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/cronjobs/${encodeURIComponent(name)}`;

export async function suspendCronJob(api: Transport, namespace: string, name: string, suspend: boolean): Promise<MutationOutcome> {
	const path = cronJobPath(namespace, name);
	const current = await api.request<KubeObject>({path});
	const was = (current.spec as {suspend?: boolean} | undefined)?.suspend === true;
	const word = suspend ? 'suspended' : 'resumed';
	if (was === suspend) return {message: `cronjob.batch/${name} is already ${suspend ? 'suspended' : 'running (not suspended)'}`, details: {suspend, unchanged: true}};
	await api.request({method: 'PATCH', path, query: {fieldManager: 'kubedeck'}, body: {spec: {suspend}}, contentType: 'application/merge-patch+json'});
	return {message: `cronjob.batch/${name} ${word}`, details: {suspend}};
}
