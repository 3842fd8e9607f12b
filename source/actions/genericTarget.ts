// A kind discovery found, as an action names it: where its objects live (for the path) and the
// verbs the server offers on it. The gate lets an action through only when the server offers
// the verb, so a kind that cannot be deleted is never offered a delete (and never sent one).
import type {Scope} from '../kinds/kind.js';
import type {Verb} from './gate.js';

export interface GenericTarget {
	kind: string;
	group: string;
	version: string;
	plural: string;
	scope: Scope;
	/** The API's verbs from discovery: get, list, watch, delete… */
	verbs: readonly string[];
}

/** Which of the gate's verbs a generic kind may take: delete, label (a patch) and edit (an update), where the server offers them. */
export function genericVerbFits(verb: Verb, target: Pick<GenericTarget, 'verbs'>): boolean {
	if (verb === 'delete') return target.verbs.includes('delete');
	if (verb === 'label') return target.verbs.includes('patch');
	if (verb === 'edit') return target.verbs.includes('update');
	return false;
}
