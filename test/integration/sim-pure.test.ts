// Table-driven checks of the simulated API server's pure parts: patches, selectors, the
// store's versioning and history. (Pure, but they live with the server's tests they serve.)
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {ApiError} from '../../source/sim/contracts.js';
import {jsonPatch, mergePatch, strategicMergePatch} from '../../source/sim/server/patch.js';
import {labelsMatch, parseFieldSelector, parseLabelSelector} from '../../source/sim/server/selectors.js';
import {SimStore} from '../../source/sim/store.js';
import {includeObjectOf, renderTable} from '../../source/sim/server/table.js';

describe('merge and strategic merge patch', () => {
	const cases: Array<{name: string; target: unknown; patch: unknown; merge: unknown; strategic: unknown}> = [
		{name: 'null deletes a key', target: {a: 1, b: 2}, patch: {b: null}, merge: {a: 1}, strategic: {a: 1}},
		{name: 'nested maps merge', target: {m: {x: 1}}, patch: {m: {y: 2}}, merge: {m: {x: 1, y: 2}}, strategic: {m: {x: 1, y: 2}}},
		{
			name: 'containers: replaced wholesale by merge, merged by name by strategic',
			target: {containers: [{name: 'a', image: 'a:1'}, {name: 'b', image: 'b:1'}]},
			patch: {containers: [{name: 'b', image: 'b:2'}]},
			merge: {containers: [{name: 'b', image: 'b:2'}]},
			strategic: {containers: [{name: 'a', image: 'a:1'}, {name: 'b', image: 'b:2'}]},
		},
		{
			name: '$patch: delete in a keyed list',
			target: {env: [{name: 'A', value: '1'}, {name: 'B', value: '2'}]},
			patch: {env: [{name: 'A', $patch: 'delete'}]},
			merge: {env: [{name: 'A', $patch: 'delete'}]},
			strategic: {env: [{name: 'B', value: '2'}]},
		},
		{name: '$patch: replace on a map', target: {m: {x: 1, y: 2}}, patch: {m: {$patch: 'replace', z: 3}}, merge: {m: {x: 1, y: 2, $patch: 'replace', z: 3}}, strategic: {m: {z: 3}}},
		{name: '$retainKeys and $setElementOrder are ignored safely', target: {s: {type: 'A', x: 1}}, patch: {s: {$retainKeys: ['type'], type: 'B'}, '$setElementOrder/list': [{name: 'a'}]}, merge: {s: {$retainKeys: ['type'], type: 'B', x: 1}, '$setElementOrder/list': [{name: 'a'}]}, strategic: {s: {type: 'B', x: 1}}},
		{name: 'lists without a merge key are replaced', target: {args: ['a', 'b']}, patch: {args: ['c']}, merge: {args: ['c']}, strategic: {args: ['c']}},
		{name: 'service ports merge on port', target: {ports: [{port: 80, name: 'http'}]}, patch: {ports: [{port: 443, name: 'tls'}]}, merge: {ports: [{port: 443, name: 'tls'}]}, strategic: {ports: [{port: 80, name: 'http'}, {port: 443, name: 'tls'}]}},
	];
	for (const c of cases) {
		it(c.name, () => {
			assert.deepEqual(mergePatch(c.target, c.patch), c.merge);
			assert.deepEqual(strategicMergePatch(c.target, c.patch), c.strategic);
		});
	}
	it('does not modify its inputs', () => {
		const target = {m: {x: 1}, list: [{name: 'a'}]};
		const before = JSON.stringify(target);
		strategicMergePatch(target, {m: {x: 2}, list: [{name: 'a', v: 1}]});
		mergePatch(target, {m: {x: 2}});
		jsonPatch(target, [{op: 'replace', path: '/m/x', value: 3}]);
		assert.equal(JSON.stringify(target), before);
	});
});

describe('JSON patch', () => {
	const ok: Array<[string, unknown, unknown[], unknown]> = [
		['add to an object', {a: 1}, [{op: 'add', path: '/b', value: 2}], {a: 1, b: 2}],
		['add at an array index and at the end', {l: [1, 3]}, [{op: 'add', path: '/l/1', value: 2}, {op: 'add', path: '/l/-', value: 4}], {l: [1, 2, 3, 4]}],
		['escaped pointer tokens', {a: {'x/y': 1, 'm~n': 2}}, [{op: 'remove', path: '/a/x~1y'}, {op: 'replace', path: '/a/m~0n', value: 3}], {a: {'m~n': 3}}],
		['move and copy', {a: 1}, [{op: 'copy', from: '/a', path: '/b'}, {op: 'move', from: '/a', path: '/c'}], {b: 1, c: 1}],
		['test passes', {a: [1]}, [{op: 'test', path: '/a', value: [1]}], {a: [1]}],
	];
	for (const [name, target, ops, expected] of ok) it(name, () => assert.deepEqual(jsonPatch(target, ops), expected));
	const failing: Array<[string, unknown, unknown, number]> = [
		['replace of a missing path', {a: 1}, [{op: 'replace', path: '/b', value: 1}], 422],
		['remove of a missing key', {a: 1}, [{op: 'remove', path: '/b'}], 422],
		['test fails', {a: 1}, [{op: 'test', path: '/a', value: 2}], 422],
		['unknown op', {a: 1}, [{op: 'frobnicate', path: '/a'}], 400],
		['not an array', {a: 1}, {op: 'add'}, 400],
	];
	for (const [name, target, ops, code] of failing) {
		it(`${name} → ${code}`, () => assert.throws(() => jsonPatch(target, ops), (e: unknown) => e instanceof ApiError && e.code === code));
	}
});

describe('label and field selectors', () => {
	const labels = {app: 'web', tier: 'front', 'example.com/team': 'sre'};
	const cases: Array<[string, boolean]> = [
		['app=web', true], ['app==web', true], ['app!=web', false], ['app!=db', true], ['missing!=x', true],
		['app in (db, web)', true], ['app notin (db,web)', false], ['missing notin (x)', true], ['missing in (x)', false],
		['tier', true], ['!tier', false], ['!missing', true], ['app=web,tier=front', true], ['app=web,tier=back', false],
		['example.com/team=sre', true], ['', true],
	];
	for (const [selector, expected] of cases) it(`${JSON.stringify(selector)} → ${expected}`, () => assert.equal(labelsMatch(parseLabelSelector(selector), labels), expected));
	for (const bad of ['app=web,', 'app in (a', 'a b c', 'app=a b', '=x']) {
		it(`rejects ${JSON.stringify(bad)} with 400`, () => assert.throws(() => parseLabelSelector(bad), (e: unknown) => e instanceof ApiError && e.code === 400));
	}
	it('field selectors per kind, with != and unknown fields refused', () => {
		const pod = {metadata: {name: 'p', namespace: 'n', uid: 'u'}, spec: {nodeName: 'node-1'}, status: {phase: 'Running'}};
		assert.equal(parseFieldSelector('pods', 'spec.nodeName=node-1,status.phase=Running')!(pod), true);
		assert.equal(parseFieldSelector('pods', 'status.phase!=Running')!(pod), false);
		assert.equal(parseFieldSelector('pods', 'spec.nodeName=')!({...pod, spec: {}}), true, 'an unset field equals the empty string');
		const event = {metadata: {name: 'e', namespace: 'n', uid: 'v'}, involvedObject: {kind: 'Pod', name: 'p', uid: 'u'}, reason: 'Killing', type: 'Normal'};
		assert.equal(parseFieldSelector('events', 'involvedObject.kind=Pod,involvedObject.name=p,involvedObject.uid=u')!(event), true);
		assert.throws(() => parseFieldSelector('services', 'spec.nodeName=x'), /field label not supported: spec\.nodeName/);
	});
});

describe('SimStore', () => {
	const pod = (name: string, namespace = 'default') => ({metadata: {name, namespace, uid: ''}, spec: {containers: []}});

	it('assigns identity and one increasing resourceVersion across kinds; orders by namespace then name', () => {
		const store = new SimStore();
		const a = store.create('pods', pod('b', 'a-b'));
		const b = store.create('services', {metadata: {name: 's', namespace: 'default', uid: ''}});
		const c = store.create('pods', pod('a', 'a'));
		assert.ok(Number(b.metadata.resourceVersion) > Number(a.metadata.resourceVersion));
		assert.ok(Number(c.metadata.resourceVersion) > Number(b.metadata.resourceVersion));
		assert.equal(store.resourceVersion, Number(c.metadata.resourceVersion));
		assert.match(a.metadata.uid, /^[0-9a-f-]{36}$/);
		assert.deepEqual(store.list('pods').map(p => `${p.metadata.namespace}/${p.metadata.name}`), ['a/a', 'a-b/b']);
	});

	it('returns copies: mutating a result does not change the store', () => {
		const store = new SimStore();
		const created = store.create('pods', pod('x'));
		created.metadata.labels = {changed: 'yes'};
		store.get('pods', 'default', 'x')!.metadata.name = 'y';
		assert.deepEqual(store.get('pods', 'default', 'x')!.metadata.labels, undefined);
	});

	it('mutate: no-op writes emit nothing; spec changes bump generation on controller kinds', () => {
		const store = new SimStore();
		const events: string[] = [];
		store.subscribe(e => events.push(`${e.type} ${e.resource} ${e.object.metadata.name}`));
		store.create('deployments.apps', {metadata: {name: 'd', namespace: 'default', uid: ''}, spec: {replicas: 1}});
		store.mutate('deployments.apps', 'default', 'd', () => {});
		const labelled = store.mutate('deployments.apps', 'default', 'd', d => (d.metadata.labels = {a: 'b'}));
		assert.equal(labelled.metadata.generation, 1);
		const scaled = store.mutate('deployments.apps', 'default', 'd', d => (d.spec = {replicas: 2}));
		assert.equal(scaled.metadata.generation, 2);
		store.remove('deployments.apps', 'default', 'd');
		assert.deepEqual(events, ['ADDED deployments.apps d', 'MODIFIED deployments.apps d', 'MODIFIED deployments.apps d', 'DELETED deployments.apps d']);
	});

	it('update with a stale resourceVersion is a 409 Conflict; missing objects are 404', () => {
		const store = new SimStore();
		const first = store.create('pods', pod('x'));
		store.mutate('pods', 'default', 'x', p => (p.metadata.labels = {v: '2'}));
		assert.throws(() => store.update('pods', first), (e: unknown) => e instanceof ApiError && e.code === 409 && e.reason === 'Conflict');
		assert.throws(() => store.mutate('pods', 'default', 'nope', () => {}), (e: unknown) => e instanceof ApiError && e.code === 404 && e.message === 'pods "nope" not found');
		assert.throws(() => store.create('pods', pod('x')), (e: unknown) => e instanceof ApiError && e.reason === 'AlreadyExists');
	});

	it('removing the last finalizer of an object being deleted removes it', () => {
		const store = new SimStore();
		store.create('services', {metadata: {name: 's', namespace: 'default', uid: '', finalizers: ['example.com/hold']}});
		store.mutate('services', 'default', 's', s => {
			s.metadata.deletionTimestamp = new Date().toISOString();
			s.metadata.deletionGracePeriodSeconds = 0;
		});
		store.mutate('services', 'default', 's', s => (s.metadata.finalizers = []));
		assert.equal(store.get('services', 'default', 's'), undefined);
	});

	it('keeps a bounded history: resumes within it, undefined before it', () => {
		const store = new SimStore({historySize: 3});
		const start = store.resourceVersion;
		for (const name of ['a', 'b', 'c', 'd']) store.create('pods', pod(name));
		assert.equal(store.historySince(start), undefined, 'the first event fell out of the history');
		assert.deepEqual(store.historySince(start + 1)!.map(e => e.record.object.metadata.name), ['b', 'c', 'd']);
		assert.deepEqual(store.historySince(store.resourceVersion), []);
	});
});

describe('Table printing', () => {
	const now = Date.parse('2026-11-28T00:00:00Z');
	const ago = (ms: number) => new Date(now - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const type = (kind: string) => ({group: '', version: 'v1', resource: kind.toLowerCase() + 's', kind, namespaced: true, verbs: []});
	const cells = (kind: string, object: Record<string, unknown>) => (renderTable(type(kind), [{metadata: {name: 'x', uid: 'u', creationTimestamp: ago(3_600_000)}, ...object} as never], {}, now) as {rows: Array<{cells: unknown[]}>}).rows[0]!.cells;
	const cases: Array<{name: string; kind: string; object: Record<string, unknown>; cells: unknown[]}> = [
		{name: 'job complete: status, completions, duration', kind: 'Job', object: {spec: {completions: 1, template: {spec: {containers: [{name: 'c', image: 'i:1'}]}}, selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'u'}}}, status: {succeeded: 1, startTime: ago(3_000_000), completionTime: ago(1_900_000), conditions: [{type: 'Complete', status: 'True'}]}}, cells: ['x', 'Complete', '1/1', '18m', '60m', 'c', 'i:1', 'batch.kubernetes.io/controller-uid=u']},
		{name: 'job running without completions, parallel', kind: 'Job', object: {spec: {parallelism: 3}, status: {startTime: ago(90_000)}}, cells: ['x', 'Running', '0/1 of 3', '90s', '60m', '', '', '<none>']},
		{name: 'daemonset with a node selector', kind: 'DaemonSet', object: {spec: {selector: {matchLabels: {b: '2', a: '1'}}, template: {spec: {nodeSelector: {gpu: 'true'}, containers: [{name: 'p', image: 'p:1'}]}}}, status: {desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 3, updatedNumberScheduled: 4, numberAvailable: 3}}, cells: ['x', 4, 4, 3, 4, 3, 'gpu=true', '60m', 'p', 'p:1', 'a=1,b=2']},
		{name: 'selector expressions print like kubectl', kind: 'Deployment', object: {spec: {replicas: 2, selector: {matchExpressions: [{key: 'tier', operator: 'In', values: ['web', 'api']}, {key: 'canary', operator: 'DoesNotExist'}]}}, status: {readyReplicas: 1}}, cells: ['x', '1/2', 0, 0, '60m', '', '', '!canary,tier in (api,web)']},
		{name: 'load balancer without ingress is <pending>', kind: 'Service', object: {spec: {type: 'LoadBalancer', clusterIPs: ['10.0.0.1'], ports: [{port: 443, nodePort: 30443, protocol: 'TCP'}], selector: {app: 'x'}}}, cells: ['x', 'LoadBalancer', '10.0.0.1', '<pending>', '443:30443/TCP', '60m', 'app=x']},
		{name: 'endpoint slice: first three addresses, then a count', kind: 'EndpointSlice', object: {addressType: 'IPv4', ports: [{port: 8080}], endpoints: [{addresses: ['10.0.0.1']}, {addresses: ['10.0.0.2']}, {addresses: ['10.0.0.3']}, {addresses: ['10.0.0.4']}, {addresses: ['10.0.0.5']}]}, cells: ['x', 'IPv4', '8080', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '60m']},
		{name: 'event, all ten cells (the server prints wide)', kind: 'Event', object: {type: 'Warning', reason: 'BackOff', involvedObject: {kind: 'Pod', name: 'p', fieldPath: 'spec.containers{app}'}, source: {component: 'kubelet', host: 'node-1'}, message: ' Back-off ', firstTimestamp: ago(2_820_000), lastTimestamp: ago(70_000), count: 14}, cells: ['70s', 'Warning', 'BackOff', 'pod/p', 'spec.containers{app}', 'kubelet, node-1', 'Back-off', '47m', 14, 'x']},
		{name: 'config map: DATA counts data and binaryData keys', kind: 'ConfigMap', object: {data: {a: '1', b: ''}, binaryData: {c: 'AA=='}}, cells: ['x', 3, '60m']},
		{name: 'config map without data', kind: 'ConfigMap', object: {}, cells: ['x', 0, '60m']},
		{name: 'pod readiness gates count the passing ones', kind: 'Pod', object: {spec: {readinessGates: [{conditionType: 'a'}, {conditionType: 'b'}], containers: [{name: 'c'}]}, status: {phase: 'Pending', conditions: [{type: 'a', status: 'True'}]}}, cells: ['x', '0/1', 'Pending', '0', '60m', '<none>', '<none>', '<none>', '1/2']},
	];
	for (const c of cases) it(c.name, () => assert.deepEqual(cells(c.kind, c.object), c.cells));

	it('includeObject: Metadata by default, the whole object, or none; anything else is 400', () => {
		const q = (text: string) => new URLSearchParams(text);
		assert.equal(includeObjectOf(q('')), 'Metadata');
		assert.equal(includeObjectOf(q('includeObject=Object')), 'Object');
		assert.equal(includeObjectOf(q('includeObject=None')), 'None');
		assert.throws(() => includeObjectOf(q('includeObject=All')), (error: ApiError) => error.code === 400);
		const object = {metadata: {name: 'x', uid: 'u'}, spec: {replicas: 1}};
		const rows = (include: 'None' | 'Metadata' | 'Object') => (renderTable(type('Deployment'), [object as never], {}, now, include) as {rows: Array<{object?: {kind?: string; spec?: unknown}}>}).rows;
		assert.equal(rows('None')[0]!.object, undefined);
		assert.equal(rows('Metadata')[0]!.object!.kind, 'PartialObjectMetadata');
		assert.deepEqual(rows('Object')[0]!.object!.spec, {replicas: 1});
	});
});
