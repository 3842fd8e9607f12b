import {serviceModel} from '../model/services.js';
import {describeService} from '../model/describe-service.js';
import {mapSelectorText} from '../model/selectors.js';
import {defineKind, objectVerbs} from './kind.js';
import {podsSelectedBy} from './drill.js';

export const services = defineKind({
	kind: 'Service',
	group: '',
	version: 'v1',
	plural: 'services',
	scope: 'Namespaced',
	names: ['service', 'svc'],
	model: serviceModel,
	describe: (object, events, now, context) => describeService(object, events, now, context.pods),
	verbs: objectVerbs,
	enter: (row) => podsSelectedBy(mapSelectorText(row.selector), `svc/${row.name}`),
	enterHelp: 'the pods its selector matches',
});
