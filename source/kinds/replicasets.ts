import {replicaSetModel} from '../model/replicasets.js';
import {describeReplicaSet} from '../model/describe-workloads.js';
import {defineKind, objectVerbs} from './kind.js';

export const replicasets = defineKind({
	kind: 'ReplicaSet',
	group: 'apps',
	version: 'v1',
	plural: 'replicasets',
	scope: 'Namespaced',
	names: ['replicaset', 'rs'],
	model: replicaSetModel,
	describe: (object, events, now) => describeReplicaSet(object, events, now),
	verbs: [...objectVerbs, 'deploy.scale', 'deploy.undo'],
});
