// The built-in panes over the row models; the GPU panes are added from views/gpu/.
import {podModel, type PodRow} from '../source/model/pods.js';
import {deploymentModel, type DeploymentRow} from '../source/model/deployments.js';
import {replicaSetModel, type ReplicaSetRow} from '../source/model/replicasets.js';
import {serviceModel, type ServiceRow} from '../source/model/services.js';
import {nodeModel, type NodeRow} from '../source/model/nodes.js';
import {namespaceModel, type NamespaceRow} from '../source/model/namespaces.js';
import {mapSelectorText} from '../source/model/selectors.js';
import {containerColumns, containerRows, type ContainerRow} from '../source/model/containers.js';
import type {BaseRow} from '../source/model/types.js';
import {pane, type EnterAction, type PaneSpec} from './panes.js';

/** Enter on a workload or service: its pods, by label selector, sent to the pods watch. */
function podsSelectedBy(selector: string, detail: string): EnterAction | undefined {
	// An empty selector would match every pod: refuse rather than mislead.
	return selector ? {type: 'drill', target: {pane: 'pods', labelSelector: selector, detail}} : undefined;
}

/** Enter on a pod (in any pod list): its containers. */
export function podContainers(row: BaseRow): EnterAction {
	const pod = {name: row.name, uid: row.uid, ...(row.namespace !== undefined ? {namespace: row.namespace} : {})};
	return {type: 'drill', target: {pane: 'containers', pod, detail: `pod/${row.name}`}};
}

/** Actions in the containers pane act on the pod, narrowed to the selected container. */
const containerActions = new Set(['object.describe', 'object.yaml', 'pod.logs', 'pod.shellHint']);

function containerSubject(row: ContainerRow, action: string): BaseRow | undefined {
	if (!containerActions.has(action)) return undefined;
	// One container and it as the default: logs open it without the picker, the shell hint names it.
	const subject: BaseRow & Pick<PodRow, 'containers' | 'defaultContainer'> = {
		uid: row.pod.uid,
		name: row.pod.name,
		severity: row.severity,
		containers: [row.name],
		defaultContainer: row.name,
	};
	if (row.pod.namespace !== undefined) subject.namespace = row.pod.namespace;
	return subject;
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
		enter: podContainers,
	}),
	pane<ContainerRow>({
		id: 'containers',
		title: 'containers',
		resource: 'pods',
		objectKind: 'Pod',
		namespaced: false,
		contexts: ['containers', 'table', 'global'],
		columns: containerColumns,
		podParts: {rows: containerRows, subject: containerSubject},
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
