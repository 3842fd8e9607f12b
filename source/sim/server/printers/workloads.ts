// Deployment, ReplicaSet, DaemonSet, StatefulSet, CronJob and Job rows as the API server prints them.
// Counts are Go int64s (JSON numbers); the wide tail is the template's containers, images, selector.
import type {KubeObject} from '../../../model/types.js';
import {parseTime} from '../../time.js';
import {age, col, containerCells, formatLabels, formatSelector, get, humanDuration, int, list, nameColumn, selectorText, since, str, wide, type Printer} from './format.js';

const workloadWide = [wide('Containers'), wide('Images'), wide('Selector')];

/** Job conditions: the first of a type decides, as the server's hasJobCondition reads them. */
function jobCondition(o: KubeObject, type: string): boolean {
	return list<{type?: string; status?: string}>(get(o, 'status', 'conditions')).find(c => c.type === type)?.status === 'True';
}

function jobStatus(o: KubeObject): string {
	if (jobCondition(o, 'Complete')) return 'Complete';
	if (jobCondition(o, 'Failed')) return 'Failed';
	if (o.metadata.deletionTimestamp) return 'Terminating';
	for (const type of ['Suspended', 'FailureTarget', 'SuccessCriteriaMet']) if (jobCondition(o, type)) return type;
	return 'Running';
}

function jobCompletions(o: KubeObject): string {
	const succeeded = int(get(o, 'status', 'succeeded'));
	const completions = get(o, 'spec', 'completions');
	if (typeof completions === 'number') return `${succeeded}/${completions}`;
	const parallelism = int(get(o, 'spec', 'parallelism'));
	return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Start to completion, or start to now while it runs; blank before it starts. */
function jobDuration(o: KubeObject, now: number): string {
	const start = parseTime(get(o, 'status', 'startTime'));
	if (start === undefined) return '';
	return humanDuration((parseTime(get(o, 'status', 'completionTime')) ?? now) - start);
}

export const workloadPrinters: Record<string, Printer> = {
	Deployment: {
		columns: [nameColumn, col('Ready'), col('Up-to-date'), col('Available'), col('Age'), ...workloadWide],
		// The Deployment printer alone prints the selector's String(): blank when empty, <invalid> when broken.
		cells: (o, now) => [o.metadata.name, `${int(get(o, 'status', 'readyReplicas'))}/${int(get(o, 'spec', 'replicas'))}`, int(get(o, 'status', 'updatedReplicas')), int(get(o, 'status', 'availableReplicas')), age(o, now), ...containerCells(o), selectorText(get(o, 'spec', 'selector')) ?? '<invalid>'],
	},
	ReplicaSet: {
		columns: [nameColumn, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Age'), ...workloadWide],
		cells: (o, now) => [o.metadata.name, int(get(o, 'spec', 'replicas')), int(get(o, 'status', 'replicas')), int(get(o, 'status', 'readyReplicas')), age(o, now), ...containerCells(o), formatSelector(get(o, 'spec', 'selector'))],
	},
	DaemonSet: {
		columns: [nameColumn, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), col('Age'), ...workloadWide],
		cells: (o, now) => [
			o.metadata.name,
			...['desiredNumberScheduled', 'currentNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable'].map(field => int(get(o, 'status', field))),
			formatLabels(get(o, 'spec', 'template', 'spec', 'nodeSelector')),
			age(o, now),
			...containerCells(o),
			formatSelector(get(o, 'spec', 'selector')),
		],
	},
	StatefulSet: {
		columns: [nameColumn, col('Ready'), col('Age'), wide('Containers'), wide('Images')],
		cells: (o, now) => [o.metadata.name, `${int(get(o, 'status', 'readyReplicas'))}/${int(get(o, 'spec', 'replicas'))}`, age(o, now), ...containerCells(o)],
	},
	CronJob: {
		columns: [nameColumn, col('Schedule'), col('Timezone'), col('Suspend', 'boolean'), col('Active', 'integer'), col('Last Schedule'), col('Age'), ...workloadWide],
		cells(o, now) {
			const suspend = get(o, 'spec', 'suspend');
			const last = get(o, 'status', 'lastScheduleTime');
			const timeZone = get(o, 'spec', 'timeZone');
			const template = {metadata: o.metadata, spec: get(o, 'spec', 'jobTemplate', 'spec')} as KubeObject;
			return [
				o.metadata.name, str(get(o, 'spec', 'schedule')), typeof timeZone === 'string' ? timeZone : '<none>', typeof suspend === 'boolean' ? (suspend ? 'True' : 'False') : '<unset>',
				list(get(o, 'status', 'active')).length, last === undefined || last === null ? '<none>' : since(last, now), age(o, now),
				...containerCells(template), formatSelector(get(o, 'spec', 'jobTemplate', 'spec', 'selector')),
			];
		},
	},
	Job: {
		columns: [nameColumn, col('Status'), col('Completions'), col('Duration'), col('Age'), ...workloadWide],
		cells: (o, now) => [o.metadata.name, jobStatus(o), jobCompletions(o), jobDuration(o, now), age(o, now), ...containerCells(o), formatSelector(get(o, 'spec', 'selector'))],
	},
};
