import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow, KubeObject} from '../../source/model/types.js';
import {projectDeployment} from '../../source/model/deployments.js';
import {projectService} from '../../source/model/services.js';
import {projectNode} from '../../source/model/nodes.js';
import {projectNamespace} from '../../source/model/namespaces.js';
import {corePanes} from '../../source/ui/panes/corePanes.js';
import type {EnterAction} from '../../source/ui/panes/panes.js';
import type {PaneId} from '../../source/ui/commands.js';

function object(name: string, spec: Record<string, unknown> = {}): KubeObject {
	return {metadata: {name, namespace: 'shop', uid: `uid-${name}`}, spec};
}

function enter(paneId: PaneId, row: BaseRow): EnterAction | undefined {
	const pane = corePanes.find((p) => p.id === paneId);
	assert.ok(pane, paneId);
	return pane.enter?.(row);
}

test('Enter on a core pane row: workloads and services drill to their pods by selector, nodes to their pods, namespaces switch', () => {
	const cases: Array<[string, PaneId, BaseRow, EnterAction | undefined]> = [
		[
			'deployment with matchLabels and an expression',
			'deployments',
			projectDeployment(object('web', {selector: {matchLabels: {app: 'web'}, matchExpressions: [{key: 'track', operator: 'NotIn', values: ['canary']}]}})),
			{type: 'drill', target: {pane: 'pods', labelSelector: 'app=web,track notin (canary)', detail: 'deploy/web'}},
		],
		['deployment without a selector (would match every pod)', 'deployments', projectDeployment(object('bare')), undefined],
		[
			'service selector map, keys sorted',
			'services',
			projectService(object('api', {selector: {tier: 'backend', app: 'api'}})),
			{type: 'drill', target: {pane: 'pods', labelSelector: 'app=api,tier=backend', detail: 'svc/api'}},
		],
		['headless service without a selector', 'services', projectService(object('external')), undefined],
		['node', 'nodes', projectNode({metadata: {name: 'gpu-1', uid: 'n1'}}), {type: 'drill', target: {pane: 'pods', nodeName: 'gpu-1', allNamespaces: true, detail: 'node/gpu-1'}}],
		['namespace', 'namespaces', projectNamespace({metadata: {name: 'payments', uid: 'ns1'}}), {type: 'namespace', namespace: 'payments'}],
	];
	for (const [what, paneId, row, expected] of cases) assert.deepEqual(enter(paneId, row), expected, what);
});
