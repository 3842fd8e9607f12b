import {secretModel} from '../model/secrets.js';
import {describeSecret} from '../model/secrets-describe.js';
import {redactSecret} from '../model/secret-mask.js';
import {defineKind, objectVerbs} from './kind.js';

// Values never reach a row, describe or YAML: redact masks every fetched Secret first, and
// the only way to a value is `x` (secret.reveal) through the action gate, which audits it.
export const secrets = defineKind({
	kind: 'Secret',
	group: '',
	version: 'v1',
	plural: 'secrets',
	scope: 'Namespaced',
	names: ['secret', 'sec'],
	model: secretModel,
	describe: (object, events, now) => describeSecret(object, events, now),
	redact: redactSecret,
	verbs: [...objectVerbs, 'secret.reveal'],
});
