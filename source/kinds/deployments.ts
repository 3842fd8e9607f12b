import {deploymentModel} from '../model/deployments.js';
import {describeDeployment} from '../model/describe-workloads.js';
import {defineKind, objectVerbs} from './kind.js';
import {podsSelectedBy} from './drill.js';

export const deployments = defineKind({
	kind: 'Deployment',
	group: 'apps',
	version: 'v1',
	plural: 'deployments',
	scope: 'Namespaced',
	names: ['deployment', 'deploy', 'dp'],
	model: deploymentModel,
	describe: (object, events, now, context) => describeDeployment(object, events, now, context.replicaSets),
	// Logs of a deployment follow the containers of all its live pods.
	verbs: [...objectVerbs, 'pod.logs', 'deploy.scale', 'deploy.restart', 'deploy.history', 'deploy.undo', 'deploy.setImage'],
	enter: (row) => podsSelectedBy(row.selector, `deploy/${row.name}`),
	enterHelp: 'its pods',
});
