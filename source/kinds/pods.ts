import {podModel} from '../model/pods.js';
import {describePod} from '../model/describe-pod.js';
import {defineKind, objectVerbs} from './kind.js';
import type {EnterAction} from './drill.js';
import type {BaseRow} from '../model/types.js';

/** Enter on a pod (in any pod list, the GPU ones too): its containers. */
export function podContainers(row: BaseRow): EnterAction {
	const pod = {name: row.name, uid: row.uid, ...(row.namespace !== undefined ? {namespace: row.namespace} : {})};
	return {type: 'drill', target: {pane: 'containers', pod, detail: `pod/${row.name}`}};
}

export const pods = defineKind({
	kind: 'Pod',
	group: '',
	version: 'v1',
	plural: 'pods',
	scope: 'Namespaced',
	names: ['pod', 'po'],
	model: podModel,
	describe: (object, events, now) => describePod(object, events, now),
	verbs: [...objectVerbs, 'pod.logs', 'pod.kill', 'pod.shell', 'pod.attach', 'pod.debug'],
	enter: podContainers,
	enterHelp: 'its containers, here and in every pod list — `l` logs of that container, `d`/`y` the pod',
});
