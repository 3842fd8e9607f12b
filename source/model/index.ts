// The registry of row models by API resource name: what the data layer projects with and the
// views take their columns from, so both agree on one model per kind.
import type {KindModel} from './types.js';
import {podModel, type PodRow} from './pods.js';
import {deploymentModel, type DeploymentRow} from './deployments.js';
import {replicaSetModel, type ReplicaSetRow} from './replicasets.js';
import {serviceModel, type ServiceRow} from './services.js';
import {nodeModel, type NodeRow} from './nodes.js';
import {namespaceModel, type NamespaceRow} from './namespaces.js';
import {eventModel, type EventRow} from './events.js';

export interface RowsByKind {
	pods: PodRow;
	deployments: DeploymentRow;
	replicasets: ReplicaSetRow;
	services: ServiceRow;
	nodes: NodeRow;
	namespaces: NamespaceRow;
	events: EventRow;
}

export type ModelKind = keyof RowsByKind;
export type RowFor<K extends ModelKind> = RowsByKind[K];

const models: {[K in ModelKind]: KindModel<RowsByKind[K]>} = {
	pods: podModel,
	deployments: deploymentModel,
	replicasets: replicaSetModel,
	services: serviceModel,
	nodes: nodeModel,
	namespaces: namespaceModel,
	events: eventModel,
};

export const modelKinds: readonly ModelKind[] = Object.keys(models) as ModelKind[];

export function modelFor<K extends ModelKind>(kind: K): KindModel<RowsByKind[K]> {
	return models[kind];
}

export type {PodRow, DeploymentRow, ReplicaSetRow, ServiceRow, NodeRow, NamespaceRow, EventRow};
