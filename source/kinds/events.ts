import {eventModel} from '../model/events.js';
import {defineKind} from './kind.js';

// core/v1 events: their involvedObject is what describe and the GPU pending pane match on.
export const events = defineKind({
	kind: 'Event',
	group: '',
	version: 'v1',
	plural: 'events',
	scope: 'Namespaced',
	names: ['event', 'ev'],
	model: eventModel,
	verbs: [],
	paneless: true,
});
