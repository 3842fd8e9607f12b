import {nodeModel} from '../model/nodes.js';
import {describeNode} from '../model/describe-node.js';
import {defineKind, objectVerbs} from './kind.js';
import type {EnterAction} from './drill.js';

export const nodes = defineKind({
	kind: 'Node',
	group: '',
	version: 'v1',
	plural: 'nodes',
	scope: 'Cluster',
	names: ['node', 'no'],
	model: nodeModel,
	describe: (object, events, now, context) => describeNode(object, events, now, context.pods),
	verbs: [...objectVerbs, 'node.cordon', 'node.uncordon', 'node.drain'],
	enter: (row): EnterAction => ({type: 'drill', target: {pane: 'pods', nodeName: row.name, allNamespaces: true, detail: `node/${row.name}`}}),
	enterHelp: 'the pods on that node, all namespaces',
});
