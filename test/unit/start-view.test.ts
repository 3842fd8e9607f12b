// -c for kinds only discovery knows: the word is checked at once when it cannot be a kind's name,
// resolved over discovery once connected (cache first, then the server), refused with the close
// names when discovery answered without it, and left to the UI when discovery has not answered.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import {parseStartOptions} from '../../source/cli-options.js';
import {closeWords, editDistance} from '../../source/kinds/generic-suggest.js';
import {catalogOf} from '../../source/ui/genericCommands.js';
import {resolveStartView, resolveStartWord} from '../../source/start-view.js';

const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
function served(group: string, plural: string, kind: string, extra: Partial<DiscoveredResource> = {}): DiscoveredResource {
	return {group, version: 'v1', plural, singular: kind.toLowerCase(), kind, scope: 'Namespaced', shortNames: [], categories: [], verbs: all, ...extra};
}

const discovered: DiscoveredResource[] = [
	served('', 'pods', 'Pod', {shortNames: ['po'], categories: ['all']}),
	served('', 'configmaps', 'ConfigMap', {shortNames: ['cm'], categories: ['all']}),
	served('apps', 'statefulsets', 'StatefulSet', {shortNames: ['sts'], categories: ['all']}),
	served('kubeflow.org', 'pytorchjobs', 'PyTorchJob', {categories: ['kubeflow']}),
];

test('edit distance counts inserts, deletes, substitutions and a swap of neighbours as one edit each', () => {
	const cases: Array<[string, string, number]> = [
		['', '', 0],
		['sts', 'sts', 0],
		['', 'abc', 3],
		['pods', 'pod', 1],
		['pdos', 'pods', 1],
		['statefulset', 'statfulset', 1],
		['kitten', 'sitting', 3],
	];
	for (const [a, b, d] of cases) {
		assert.equal(editDistance(a, b), d, `${a} → ${b}`);
		assert.equal(editDistance(b, a), d, `${b} → ${a}`);
	}
});

test('close words: typos and cut-short words, nearest first, never the word itself', () => {
	const words = ['pytorchjobs', 'pytorchjob', 'statefulsets', 'sts', 'configmaps', 'cm', 'pods', 'po'];
	assert.deepEqual(closeWords(words, 'pytorchjbs'), ['pytorchjobs', 'pytorchjob']);
	assert.deepEqual(closeWords(words, 'statefullsets'), ['statefulsets']);
	assert.deepEqual(closeWords(words, 'pytorch'), ['pytorchjob', 'pytorchjobs']);
	assert.deepEqual(closeWords(words, 'zzzzzz'), []);
	assert.deepEqual(closeWords(words, 'pods'), ['po'], 'a word is not its own suggestion');
	assert.equal(closeWords(words, 'p', 2).length <= 2, true, 'at most limit');
});

test('-c takes a built-in word at once, keeps any other kind-shaped word for discovery, refuses the rest', () => {
	const builtIn = parseStartOptions({command: 'cm'}, []);
	assert.ok(builtIn.ok && builtIn.options.view === 'configmaps' && builtIn.options.startWord === undefined);
	for (const word of ['sts', 'statefulsets', 'pytorchjobs', 'workloads.kueue.x-k8s.io', ':CJ']) {
		const parsed = parseStartOptions({command: word}, []);
		assert.ok(parsed.ok, word);
		assert.equal(parsed.options.startWord, word.replace(/^:/, '').toLowerCase(), word);
		assert.equal(parsed.options.view, 'pods', `${word}: pods until discovery says`);
	}
	for (const word of ['no such', 'a/b', '-x', 'sts.', '']) {
		const parsed = parseStartOptions({command: word}, []);
		assert.ok(!parsed.ok && /unknown view for -c\/--command/.test(parsed.message), JSON.stringify(word));
	}
	assert.equal(parseStartOptions({command: 'sts', triage: true}, []).ok, false, '--triage with another view');
});

test('a start word over discovery: its pane, a category refused, an unknown word refused with close names', () => {
	const catalog = catalogOf(discovered);
	assert.deepEqual(resolveStartWord(catalog, 'sts'), {type: 'pane', pane: 'statefulsets.apps'});
	assert.deepEqual(resolveStartWord(catalog, 'pytorchjob'), {type: 'pane', pane: 'pytorchjobs.kubeflow.org'});
	assert.deepEqual(resolveStartWord(catalog, 'statefulset'), {type: 'pane', pane: 'statefulsets.apps'});
	const category = resolveStartWord(catalog, 'kubeflow');
	assert.ok(category.type === 'refused' && /category/.test(category.message) && category.message.includes('-c pytorchjobs'), JSON.stringify(category));
	const typo = resolveStartWord(catalog, 'pytorchjbs');
	assert.ok(typo.type === 'refused', JSON.stringify(typo));
	assert.match(typo.message, /unknown view for -c\/--command: "pytorchjbs"/);
	assert.match(typo.message, /did you mean pytorchjobs, pytorchjob\?/);
	const nothing = resolveStartWord(catalog, 'zzzzzz');
	assert.ok(nothing.type === 'refused' && /Tab/.test(nothing.message), JSON.stringify(nothing));
});

function fakeDiscovery(cached: DiscoveredResource[], afterAsk: DiscoveredResource[] | 'never') {
	let current = cached;
	let asks = 0;
	return {
		get asks() {
			return asks;
		},
		discovered: () => current,
		rediscover: () => {
			asks++;
			if (afterAsk === 'never') return new Promise<void>(() => {});
			current = afterAsk;
			return Promise.resolve();
		},
	};
}

test('start-up: the cache answers a word it knows without asking; otherwise the server decides', async () => {
	const known = fakeDiscovery(discovered, []);
	assert.deepEqual(await resolveStartView(known, 'sts'), {type: 'pane', pane: 'statefulsets.apps'});
	assert.equal(known.asks, 0, 'no request when the cache knows the word');

	// A CRD created since the cache was written: the server's answer knows it.
	const fresh = fakeDiscovery(discovered, [...discovered, served('kueue.x-k8s.io', 'clusterqueues', 'ClusterQueue', {scope: 'Cluster'})]);
	assert.deepEqual(await resolveStartView(fresh, 'clusterqueues'), {type: 'pane', pane: 'clusterqueues.kueue.x-k8s.io'});
	assert.equal(fresh.asks, 1);

	const unknown = await resolveStartView(fakeDiscovery([], discovered), 'statefulsetz');
	assert.ok(unknown.type === 'refused' && unknown.message.includes('did you mean statefulset, statefulsets?'), JSON.stringify(unknown));
});

test('start-up: discovery failing or not answering in time leaves the word to the UI, with a message', async () => {
	const failed = await resolveStartView(fakeDiscovery([], []), 'sts');
	assert.ok(failed.type === 'undecided' && /discovery failed/.test(failed.message) && failed.message.includes(':sts'), JSON.stringify(failed));
	// The deadline is the point of this case, so it is short; nothing is paced by it.
	const silent = await resolveStartView(fakeDiscovery([], 'never'), 'sts', 20);
	assert.ok(silent.type === 'undecided' && /took over/.test(silent.message), JSON.stringify(silent));
});
