// The YAML view of an object, like `kubectl get -o yaml` minus metadata.managedFields
// (server-side-apply bookkeeping that buries the fields people came to read).
import {dump} from 'js-yaml';
import type {KubeObject} from './types.js';

export function withoutManagedFields(object: KubeObject): KubeObject {
	if (!object.metadata || !('managedFields' in object.metadata)) return object;
	// Rebuild metadata with the same key order, minus the one field; the input stays untouched.
	const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([key]) => key !== 'managedFields'));
	return {...object, metadata: metadata as unknown as KubeObject['metadata']};
}

/**
 * Keys stay in the order the server sent them; long strings are never folded (lineWidth -1) so
 * a certificate or a JSON annotation reads and copies as one line; shared sub-objects are inlined.
 */
export function objectToYaml(object: KubeObject): string {
	return dump(withoutManagedFields(object), {lineWidth: -1, noRefs: true, skipInvalid: true});
}
