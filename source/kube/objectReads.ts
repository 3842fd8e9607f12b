// The session's one-off reads beside its watches: one object (describe, YAML) and the events of
// one object (describe's Events table), each answered in words a user can act on.
import type {KubeObject} from '../model/types.js';
import {KubeError} from './kubeError.js';
import type {Transport} from './transport.js';
import {collectionPath, namespacedFacts, objectPath, type PathFacts} from './resources.js';

export async function readObject(transport: Transport, facts: PathFacts, kind: string, namespace: string | undefined, name: string): Promise<KubeObject> {
	const namespaced = namespacedFacts(facts);
	if (namespaced && namespace === undefined) {
		throw new KubeError(0, 'BadRequest', `cannot fetch ${kind} ${name}: it is namespaced and no namespace was given`);
	}
	try {
		return await transport.request<KubeObject>({path: objectPath(facts, namespaced ? namespace : undefined, name)});
	} catch (error) {
		if (error instanceof KubeError && error.status === 404) {
			throw new KubeError(404, 'NotFound', `${kind} ${namespace && namespaced ? `${namespace}/` : ''}${name} is gone (deleted since the list was drawn)`);
		}
		throw error;
	}
}

export async function readEventsOf(transport: Transport, eventFacts: PathFacts, object: {kind: string; namespace?: string; name: string; uid: string}): Promise<KubeObject[]> {
	const fields = [`involvedObject.name=${object.name}`, `involvedObject.kind=${object.kind}`];
	if (object.namespace) fields.push(`involvedObject.namespace=${object.namespace}`);
	const list = await transport.request<{items?: KubeObject[]}>({path: collectionPath(eventFacts, object.namespace), query: {fieldSelector: fields.join(',')}});
	// Filtered again here: a server may ignore field selectors, and events of an earlier
	// object with the same name carry another uid. Node events name the node as their uid.
	const events = (list.items ?? []).filter((event) => {
		const involved = (event as {involvedObject?: {name?: string; kind?: string; namespace?: string; uid?: string}}).involvedObject;
		if (!involved || involved.name !== object.name || involved.kind !== object.kind) return false;
		if (object.namespace && involved.namespace !== object.namespace) return false;
		return !involved.uid || involved.uid === object.uid || involved.uid === object.name;
	});
	return events.sort((a, b) => eventTime(a) - eventTime(b));
}

function eventTime(event: KubeObject): number {
	const e = event as {lastTimestamp?: string; eventTime?: string; firstTimestamp?: string; metadata: {creationTimestamp?: string}};
	const text = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
	const ms = text ? Date.parse(text) : NaN;
	return Number.isNaN(ms) ? 0 : ms;
}
