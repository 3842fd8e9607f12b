// The kinds registry (source/kinds) is the one description of each built-in kind; these tests
// hold it to the API's conventions, the key map, the simulated API server and the README.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {apiPath, builtInKinds, kindByKind, kindByWord, paneContexts, paneKinds, paneWords, viewPanes, wordsOf, type AnyKind} from '../../source/kinds/index.js';
import {bindingsFor, loadKeymap} from '../../source/config/keymap.js';
import {CONTEXTS} from '../../source/config/vocabulary.js';
import {resourceTypes} from '../../source/sim/server/resources.js';
import {parseStartOptions} from '../../source/cli-options.js';
import {commandWords, parseCommand, unknownCommandHint} from '../../source/ui/commands.js';
import {ALLOWED_KINDS, HANDLED} from '../../source/actions/targets.js';
import {commandsMarkdown} from '../../scripts/commands-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kinds = builtInKinds as readonly AnyKind[];

test('every word names one kind: plurals, names and Kinds are unique across kinds', () => {
	const owner = new Map<string, string>();
	for (const kind of kinds) {
		for (const word of new Set([...wordsOf(kind), kind.kind.toLowerCase()])) {
			assert.equal(word, word.toLowerCase(), `${kind.plural}: words are lowercase (${word})`);
			assert.ok(!owner.has(word), `"${word}" names both ${owner.get(word)} and ${kind.plural}`);
			owner.set(word, kind.plural);
			assert.equal(kindByWord(word), kind, word);
		}
		assert.equal(kindByKind(kind.kind), kind);
	}
});

test('no ":" word opens two things, and every word opens what its kind or view names', () => {
	assert.equal(new Set(commandWords).size, commandWords.length, `duplicate command words: ${commandWords.filter((w, i) => commandWords.indexOf(w) !== i).join(', ')}`);
	for (const {pane, words} of paneWords) {
		for (const word of words) {
			assert.deepEqual(parseCommand(word), {ok: true, command: {type: 'pane', pane}}, `:${word}`);
			const started = parseStartOptions({command: word}, []);
			assert.ok(started.ok && started.options.view === pane, `-c ${word}`);
		}
	}
	for (const word of unknownCommandHint.match(/:[a-z!]+/g) ?? []) assert.ok(parseCommand(word).ok, `the hint names ${word}, which must parse`);
});

test('each kind agrees with its own model, and Enter comes with its README words', () => {
	for (const kind of kinds) {
		assert.equal(kind.model.kind, kind.kind, `${kind.plural}: model.kind`);
		assert.equal(Boolean(kind.enter), Boolean(kind.enterHelp), `${kind.plural}: enter and enterHelp come together`);
		assert.ok(Object.isFrozen(kind), `${kind.plural} is frozen`);
	}
	assert.ok(Object.isFrozen(builtInKinds));
});

test('every pane kind and every view with a context of its own is a key-map context', () => {
	for (const kind of paneKinds) assert.ok(CONTEXTS.includes(kind.plural), kind.plural);
	for (const view of viewPanes) assert.equal(CONTEXTS.includes(view.id), view.context, view.id);
	assert.deepEqual([...paneContexts].sort(), [...new Set(paneContexts)].sort(), 'no context twice');
	for (const view of viewPanes) assert.ok(kindByWord(view.reads) && paneKinds.some((k) => k.plural === view.reads), `${view.id} reads a kind with a pane`);
});

test('every verb a kind declares has a key in its pane, and no kind key is for a verb it lacks', () => {
	const keymap = loadKeymap({});
	const verbIds = new Set(kinds.flatMap((kind) => kind.verbs as readonly string[]));
	for (const kind of paneKinds) {
		const bound = new Set(bindingsFor(keymap, [kind.plural, 'table', 'global']).map((b) => b.action));
		for (const verb of kind.verbs) assert.ok(bound.has(verb), `${kind.plural} declares ${verb} but keymaps/default.yaml binds no key to it there`);
		const own = bindingsFor(keymap, [kind.plural]).map((b) => b.action).filter((action) => verbIds.has(action));
		for (const action of own) assert.ok((kind.verbs as readonly string[]).includes(action), `${kind.plural} binds ${action}, a verb it does not declare`);
	}
});

test('which kinds each action applies to comes from the verbs (the table it replaced, plus delete everywhere)', () => {
	assert.deepEqual(
		Object.fromEntries([...HANDLED].map((id) => [id, [...ALLOWED_KINDS[id]!].sort()])),
		{
			'deploy.scale': ['Deployment', 'ReplicaSet'],
			'deploy.restart': ['Deployment'],
			'deploy.setImage': ['Deployment'],
			'deploy.history': ['Deployment'],
			// Undo acts on a deployment, from its row or from one of its ReplicaSets (a revision).
			'deploy.undo': ['Deployment', 'ReplicaSet'],
			// Helm releases are read-only: deleting one revision's Secret by hand corrupts the history.
			// Events are read only too: deleting one hides what happened.
			'object.delete': paneKinds.map((k) => k.kind).filter((k) => k !== 'HelmRelease' && k !== 'Event').sort(),
			// Labels go where delete goes: not on Helm's bookkeeping or on events.
			'object.label': paneKinds.map((k) => k.kind).filter((k) => k !== 'HelmRelease' && k !== 'Event').sort(),
			// Edits too: a Helm release's Secret is Helm's to write, an event is a record.
			'object.edit': paneKinds.map((k) => k.kind).filter((k) => k !== 'HelmRelease' && k !== 'Event').sort(),
			'pod.kill': ['Pod'],
			'node.cordon': ['Node'],
			'node.uncordon': ['Node'],
			'node.drain': ['Node'],
			'pod.logs': ['Deployment', 'Pod'],
			'pod.shell': ['Pod'],
			'pod.attach': ['Pod'],
			'pod.debug': ['Pod'],
			'secret.reveal': ['Secret'],
		},
	);
});

test('paths follow the API conventions: /api/v1 for core, /apis/GROUP/VERSION else, namespaces only for namespaced kinds', () => {
	for (const kind of kinds) {
		const gv = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
		assert.match(kind.plural, /^[a-z]+$/, kind.plural);
		// A kind read from another resource (Helm releases from secrets) lives at that resource's path.
		const resource = kind.source?.plural ?? kind.plural;
		assert.equal(apiPath(kind), `${gv}/${resource}`, `${kind.plural} collection`);
		if (kind.scope === 'Cluster') {
			assert.equal(apiPath(kind, 'ignored', 'x'), `${gv}/${resource}/x`, `${kind.plural} is cluster-scoped`);
			assert.equal(apiPath(kind, undefined, 'x', 'status'), `${gv}/${resource}/x/status`);
		} else {
			assert.equal(apiPath(kind, 'ns-1'), `${gv}/namespaces/ns-1/${resource}`);
			assert.equal(apiPath(kind, 'ns-1', 'a b', 'scale'), `${gv}/namespaces/ns-1/${resource}/a%20b/scale`);
			assert.throws(() => apiPath(kind, undefined, 'x'), /namespace is needed/, `${kind.plural} object without a namespace`);
		}
	}
	const known: Array<[string, string]> = [
		[apiPath(kindByWord('po')!, 'shop', 'web-1', 'log'), '/api/v1/namespaces/shop/pods/web-1/log'],
		[apiPath(kindByWord('deploy')!, 'shop', 'web', 'scale'), '/apis/apps/v1/namespaces/shop/deployments/web/scale'],
		[apiPath(kindByWord('no')!, undefined, 'gpu-1'), '/api/v1/nodes/gpu-1'],
		[apiPath(kindByWord('ns')!), '/api/v1/namespaces'],
		[apiPath(kindByWord('helm')!, 'shop', 'sh.helm.release.v1.web.v2'), '/api/v1/namespaces/shop/secrets/sh.helm.release.v1.web.v2'],
	];
	for (const [actual, expected] of known) assert.equal(actual, expected);
});

test('the simulated API server serves every kind where the registry says, and our words include its short names', () => {
	for (const kind of kinds) {
		// A kind read from another resource (Helm releases are Secrets) is checked as that resource.
		const plural = kind.source?.plural ?? kind.plural;
		const served = resourceTypes.find((t) => t.resource === plural && t.group === kind.group);
		assert.ok(served, `source/sim serves no ${kind.group || 'core'}/${plural}`);
		assert.equal(served.version, kind.version, kind.plural);
		if (!kind.source) assert.equal(served.kind, kind.kind, kind.plural);
		assert.equal(served.namespaced, kind.scope === 'Namespaced', kind.plural);
		for (const short of served.shortNames ?? []) assert.ok(kind.names.includes(short), `${kind.plural}: kubectl's short name ${short}`);
	}
});

test('README command table equals the one generated from the registry', () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const generated = commandsMarkdown().trim();
	assert.ok(readme.includes(generated), 'README.md is out of date: paste the output of `npm run commands` under "### Commands (`:`)"');
});
