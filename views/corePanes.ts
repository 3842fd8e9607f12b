// The built-in panes over the row models; the GPU panes are added from views/gpu/.
import {podModel, type PodRow} from '../source/model/pods.js';
import {deploymentModel, type DeploymentRow} from '../source/model/deployments.js';
import {replicaSetModel, type ReplicaSetRow} from '../source/model/replicasets.js';
import {serviceModel, type ServiceRow} from '../source/model/services.js';
import {nodeModel, type NodeRow} from '../source/model/nodes.js';
import {namespaceModel, type NamespaceRow} from '../source/model/namespaces.js';
import {mapSelectorText} from '../source/model/selectors.js';
import {pane, type EnterAction, type PaneSpec} from './panes.js';

/** Enter on a workload or service: its pods, by label selector, sent to the pods watch. */
function podsSelectedBy(selector: string, detail: string): EnterAction | undefined {
	// An empty selector would match every pod: refuse rather than mislead.
	return selector ? {type: 'drill', target: {pane: 'pods', labelSelector: selector, detail}} : undefined;
}

export const corePanes: readonly PaneSpec[] = [
	pane<PodRow>({
		id: 'pods',
		title: 'pods',
		resource: 'pods',
		objectKind: 'Pod',
		namespaced: true,
		contexts: ['pods', 'table', 'global'],
		columns: podModel.columns,
	}),
	pane<DeploymentRow>({
		id: 'deployments',
		title: 'deployments',
		resource: 'deployments',
		objectKind: 'Deployment',
		namespaced: true,
		contexts: ['deployments', 'table', 'global'],
		columns: deploymentModel.columns,
		enter: (row) => podsSelectedBy(row.selector, `deploy/${row.name}`),
	}),
	pane<ReplicaSetRow>({
		id: 'replicasets',
		title: 'replicasets',
		resource: 'replicasets',
		objectKind: 'ReplicaSet',
		namespaced: true,
		contexts: ['replicasets', 'table', 'global'],
		columns: replicaSetModel.columns,
	}),
	pane<ServiceRow>({
		id: 'services',
		title: 'services',
		resource: 'services',
		objectKind: 'Service',
		namespaced: true,
		contexts: ['services', 'table', 'global'],
		columns: serviceModel.columns,
		enter: (row) => podsSelectedBy(mapSelectorText(row.selector), `svc/${row.name}`),
	}),
	pane<NodeRow>({
		id: 'nodes',
		title: 'nodes',
		resource: 'nodes',
		objectKind: 'Node',
		namespaced: false,
		contexts: ['nodes', 'table', 'global'],
		columns: nodeModel.columns,
		enter: (row) => ({type: 'drill', target: {pane: 'pods', nodeName: row.name, allNamespaces: true, detail: `node/${row.name}`}}),
	}),
	pane<NamespaceRow>({
		id: 'namespaces',
		title: 'namespaces',
		resource: 'namespaces',
		objectKind: 'Namespace',
		namespaced: false,
		contexts: ['namespaces', 'table', 'global'],
		columns: namespaceModel.columns,
		enter: (row) => ({type: 'namespace', namespace: row.name}),
	}),
];
