import {namespaceModel} from '../model/namespaces.js';
import {defineKind, objectVerbs} from './kind.js';

export const namespaces = defineKind({
	kind: 'Namespace',
	group: '',
	version: 'v1',
	plural: 'namespaces',
	scope: 'Cluster',
	names: ['namespace', 'ns'],
	model: namespaceModel,
	verbs: objectVerbs,
	enter: (row) => ({type: 'namespace', namespace: row.name}),
	enterHelp: 'switch to it and go back to the previous pane',
});
