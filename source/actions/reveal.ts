// Reading one value of a Secret on purpose. The raw object stays inside this function: what
// leaves is the one key's value wrapped in SecretValue, which prints as its mask anywhere but
// the reveal pager.
import type {Transport} from '../kube/transport.js';
import type {KubeObject} from '../model/types.js';
import {secretValue} from '../model/secret-mask.js';
import {ActionRefused, type MutationOutcome} from './mutations.js';
import {objectPathFor} from './paths.js';

export async function revealKey(api: Transport, namespace: string, name: string, key: string): Promise<MutationOutcome> {
	const object = await api.request<KubeObject>({path: objectPathFor('Secret', namespace, name)});
	const value = secretValue(object, key);
	if (!value) throw new ActionRefused('NotFound', `secret ${namespace}/${name} has no key ${key}`);
	return {message: `revealed key ${key} of secret ${namespace}/${name} (${value.bytes} bytes; the read is in the audit log)`, details: {value}};
}
