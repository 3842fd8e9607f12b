// Discovery documents → resources, and ':' words → kinds, against fixtures shaped as a
// Kubernetes 1.33 server answers (aggregated v2 and the older per-group documents).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {canWatch, isAggregated, legacyGroupVersions, parseAggregated, parseResourceList, type DiscoveredResource} from '../../source/kube/discovery-documents.js';
import {buildCatalog, catalogWords, qualifiedWord, resolveWord} from '../../source/kinds/generic-resolve.js';
import {builtInKinds, type AnyKind} from '../../source/kinds/index.js';

const rw = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resource(resource: string, kind: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {resource, responseKind: {group: '', version: '', kind}, scope: 'Namespaced', singularResource: kind.toLowerCase(), verbs: rw, ...extra};
}

const aggregatedApis = {
	kind: 'APIGroupDiscoveryList',
	apiVersion: 'apidiscovery.k8s.io/v2',
	items: [
		{metadata: {name: 'apps'}, versions: [{version: 'v1', resources: [
			resource('statefulsets', 'StatefulSet', {shortNames: ['sts'], categories: ['all'], subresources: [{subresource: 'scale', verbs: ['get']}]}),
			resource('deployments', 'Deployment', {shortNames: ['deploy'], categories: ['all']}),
		]}]},
		{metadata: {name: 'batch'}, versions: [
			{version: 'v1', resources: [resource('jobs', 'Job', {categories: ['all']}), resource('cronjobs', 'CronJob', {shortNames: ['cj'], categories: ['all']})]},
			{version: 'v1beta1', resources: [resource('cronjobs', 'CronJob', {shortNames: ['cj']}), resource('oldthings', 'OldThing')]},
		]},
		{metadata: {name: 'events.k8s.io'}, versions: [{version: 'v1', resources: [resource('events', 'Event', {shortNames: ['ev']})]}]},
		{metadata: {name: 'kueue.x-k8s.io'}, versions: [{version: 'v1beta1', resources: [
			resource('workloads', 'Workload', {categories: ['kueue']}),
			resource('clusterqueues', 'ClusterQueue', {scope: 'Cluster', shortNames: ['cq'], categories: ['kueue']}),
		]}]},
		{metadata: {name: 'other.example.com'}, versions: [{version: 'v1', resources: [resource('workloads', 'Workload')]}]},
		{metadata: {name: 'authorization.k8s.io'}, versions: [{version: 'v1', resources: [resource('selfsubjectreviews', 'SelfSubjectReview', {scope: 'Cluster', verbs: ['create']})]}]},
	],
};

const aggregatedCore = {
	kind: 'APIGroupDiscoveryList',
	apiVersion: 'apidiscovery.k8s.io/v2',
	items: [{metadata: {}, versions: [{version: 'v1', resources: [
		resource('configmaps', 'ConfigMap', {shortNames: ['cm']}),
		resource('events', 'Event', {shortNames: ['ev']}),
		resource('persistentvolumeclaims', 'PersistentVolumeClaim', {shortNames: ['pvc']}),
		resource('bindings', 'Binding', {verbs: ['create']}),
	]}]}],
};

const discovered = [...parseAggregated(aggregatedCore), ...parseAggregated(aggregatedApis)];

test('aggregated discovery: one resource per (group, plural) at the first version that serves it', () => {
	assert.ok(isAggregated(aggregatedApis));
	assert.ok(!isAggregated({kind: 'APIGroupList'}));
	const cronjobs = discovered.filter((r) => r.plural === 'cronjobs');
	assert.deepEqual(cronjobs.map((r) => r.version), ['v1']);
	assert.deepEqual(discovered.find((r) => r.plural === 'oldthings')?.version, 'v1beta1');
	const cq = discovered.find((r) => r.plural === 'clusterqueues')!;
	assert.deepEqual({group: cq.group, scope: cq.scope, shortNames: cq.shortNames, singular: cq.singular}, {group: 'kueue.x-k8s.io', scope: 'Cluster', shortNames: ['cq'], singular: 'clusterqueue'});
	assert.equal(discovered.find((r) => r.plural === 'configmaps')?.group, '');
	assert.ok(!discovered.some((r) => r.plural.includes('/')), 'subresources are not kinds');
});

test('per-group documents: preferred group versions, subresources left out, namespaced flag read', () => {
	const versions = legacyGroupVersions({kind: 'APIVersions', versions: ['v1']}, {kind: 'APIGroupList', groups: [
		{name: 'apps', versions: [{groupVersion: 'apps/v1', version: 'v1'}], preferredVersion: {groupVersion: 'apps/v1', version: 'v1'}},
		{name: 'x.io', versions: [{groupVersion: 'x.io/v2', version: 'v2'}]},
	]});
	assert.deepEqual(versions, ['v1', 'apps/v1', 'x.io/v2']);
	const list = parseResourceList('apps/v1', {kind: 'APIResourceList', groupVersion: 'apps/v1', resources: [
		{name: 'statefulsets', singularName: 'statefulset', namespaced: true, kind: 'StatefulSet', verbs: rw, shortNames: ['sts'], categories: ['all']},
		{name: 'statefulsets/scale', singularName: '', namespaced: true, kind: 'Scale', verbs: ['get']},
		{name: 'widgets', singularName: '', namespaced: false, kind: 'Widget', verbs: ['get', 'list']},
	]});
	assert.deepEqual(list.map((r) => [r.group, r.version, r.plural, r.singular, r.scope]), [['apps', 'v1', 'statefulsets', 'statefulset', 'Namespaced'], ['apps', 'v1', 'widgets', 'widget', 'Cluster']]);
	assert.equal(canWatch(list[0]!), true);
	assert.equal(canWatch(list[1]!), false, 'list without watch cannot be a live pane');
});

const catalog = buildCatalog(builtInKinds as readonly AnyKind[], discovered);
const name = (r: ReturnType<typeof resolveWord>): string =>
	r.type === 'kind' ? `${r.entry.plural}.${r.entry.group}${r.entry.builtIn ? ' (built-in)' : ''}` : r.type === 'category' ? `category ${r.category}: ${r.entries.map((e) => e.plural).join(',')}` : 'unknown';

test("':' words: plural, singular, short names, Kind, kind.group, categories; built-ins win", () => {
	const cases: Array<[string, string]> = [
		['cm', 'configmaps. (built-in)'],
		['configmap', 'configmaps. (built-in)'],
		['pvc', 'persistentvolumeclaims.'],
		['PersistentVolumeClaim', 'persistentvolumeclaims.'],
		['sts', 'statefulsets.apps'],
		['statefulset', 'statefulsets.apps'],
		['cj', 'cronjobs.batch'],
		['jobs', 'jobs.batch'],
		['deploy', 'deployments.apps (built-in)'],
		['dp', 'deployments.apps (built-in)'],
		['cq', 'clusterqueues.kueue.x-k8s.io'],
		['clusterqueues', 'clusterqueues.kueue.x-k8s.io'],
		// The core group's events are the built-in pane's; events.k8s.io's are reached by group.
		['ev', 'events. (built-in)'],
		['events.events.k8s.io', 'events.events.k8s.io'],
		// Two groups serve 'workloads': the bare word picks by group name, the qualified one is exact.
		['workloads', 'workloads.kueue.x-k8s.io'],
		['workloads.other.example.com', 'workloads.other.example.com'],
		['workload.other.example.com', 'workloads.other.example.com'],
		['all', 'category all: deployments,statefulsets,jobs,cronjobs'],
		['kueue', 'category kueue: workloads,clusterqueues'],
		['bindings', 'unknown'],
		['selfsubjectreviews', 'unknown'],
		['nothing', 'unknown'],
		['', 'unknown'],
	];
	for (const [word, want] of cases) assert.equal(name(resolveWord(catalog, word)), want, word);
	const workloads = resolveWord(catalog, 'workloads');
	assert.ok(workloads.type === 'kind' && workloads.others.map((o) => o.group).join() === 'other.example.com', 'the other kind of the same name is reported');
});

test('qualified words open exactly one kind; completion offers words, group forms and categories once each', () => {
	const other = catalog.find((e) => e.group === 'other.example.com')!;
	assert.equal(qualifiedWord(catalog, other), 'workloads.other.example.com');
	assert.equal(qualifiedWord(catalog, catalog.find((e) => e.plural === 'statefulsets')!), 'statefulsets');
	const words = catalogWords(catalog);
	assert.equal(new Set(words).size, words.length);
	for (const word of ['sts', 'pvc', 'cj', 'cq', 'all', 'kueue', 'workloads.other.example.com', 'pods']) assert.ok(words.includes(word), word);
	for (const word of words) assert.notEqual(resolveWord(catalog, word).type, 'unknown', word);
});

test('a built-in kind the server does not serve stays in the catalog; one discovered twice is listed once', () => {
	const only = buildCatalog(builtInKinds as readonly AnyKind[], []);
	assert.equal(only.length, builtInKinds.length);
	const twice: DiscoveredResource[] = [...discovered, ...discovered];
	assert.equal(buildCatalog(builtInKinds as readonly AnyKind[], twice).length, catalog.length);
});
