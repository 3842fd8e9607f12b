import {configMapModel} from '../model/configmaps.js';
import {defineKind, objectVerbs} from './kind.js';

export const configmaps = defineKind({
	kind: 'ConfigMap',
	group: '',
	version: 'v1',
	plural: 'configmaps',
	scope: 'Namespaced',
	names: ['configmap', 'cm'],
	model: configMapModel,
	verbs: objectVerbs,
});
