import {eventModel} from '../model/events.js';
import {groupEvents} from '../model/events-group.js';
import {defineKind} from './kind.js';

// core/v1 events, now with a pane of their own. core/v1 rather than events.k8s.io/v1: the API
// server stores one Event and serves it through both; the core/v1 shape also carries the
// newer API's series (projected into count and last seen, see ../model/events.ts), every
// cluster and the simulator serve it, and describe already matches involvedObject at this path.
export const events = defineKind({
	kind: 'Event',
	group: '',
	version: 'v1',
	plural: 'events',
	scope: 'Namespaced',
	names: ['event', 'ev'],
	model: eventModel,
	// Read, never deleted: an event ages out on its own, and deleting one only hides what happened.
	verbs: ['object.describe', 'object.yaml'],
	// Duplicates folded; the pane opens sorted by TYPE, whose key is groupEvents' order.
	collapse: groupEvents,
});
