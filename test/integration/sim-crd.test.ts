// CustomResourceDefinitions on the simulator, over HTTP and through the installed kubectl:
// a definition is served once stored, shows in aggregated and per-group discovery and in
// OpenAPI, its objects print the definition's columns, `status` is a subresource, and deleting
// the definition takes its objects and its discovery entries away.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {readFileSync, readdirSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {load} from 'js-yaml';
import {startSim, type Sim} from '../../source/sim/index.js';
import {waitFor} from './sim-helpers.js';
import {ML_DEFINITIONS} from '../../source/sim/world/scenarios/ml-crds.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

const widgets = {
	apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition',
	metadata: {name: 'widgets.example.com'},
	spec: {
		group: 'example.com', scope: 'Namespaced',
		names: {plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wg'], categories: ['gadgets']},
		versions: [{
			name: 'v1', served: true, storage: true, subresources: {status: {}},
			additionalPrinterColumns: [
				{name: 'Size', type: 'integer', jsonPath: '.spec.size'},
				{name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status'},
				{name: 'Colour', type: 'string', jsonPath: '.spec.colour', priority: 1},
			],
			schema: {openAPIV3Schema: {type: 'object', properties: {spec: {type: 'object', description: 'What the widget should be.', properties: {size: {type: 'integer', description: 'How big.'}, colour: {type: 'string'}}}, status: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}}},
		}],
	},
};

describe('the simulator serves custom resources', () => {
	let sim: Sim;
	const call = async (method: string, path: string, body?: unknown, accept = 'application/json') => {
		const response = await fetch(`${sim.url}${path}`, {method, headers: {accept, 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json'}, body: body === undefined ? undefined : JSON.stringify(body)});
		return {status: response.status, type: response.headers.get('content-type') ?? '', json: (await response.json()) as any};
	};


	before(async () => {
		sim = await startSim({scenario: 'empty', speed: 1, seed: 1});
	});
	after(() => sim.close());

	it('rejects a definition whose name is not plural.group', async () => {
		const response = await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {...widgets, metadata: {name: 'widget.example.com'}});
		assert.equal(response.status, 422);
		assert.match(response.json.message, /must be spec.names.plural\+"."\+spec.group/);
	});

	it('rejects a schema whose list does not say what its items are, as the real server does', async () => {
		const version = {...widgets.spec.versions[0]!, schema: {openAPIV3Schema: {type: 'object', properties: {spec: {type: 'object', properties: {parts: {type: 'array'}}}}}}};
		const response = await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {...widgets, spec: {...widgets.spec, versions: [version]}});
		assert.equal(response.status, 422);
		assert.match(response.json.message, /spec\.validation\.openAPIV3Schema\.properties\[spec\]\.properties\[parts\]\.items: Required value: must be specified/);
	});

	it('establishes a definition, serves its resource with its columns, status subresource and discovery, and drops it all on delete', async () => {
		assert.equal((await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', widgets)).status, 201);
		const established = await waitFor('Established', async () => {
			const crd = (await call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com')).json;
			return crd.status?.conditions?.find((c: {type: string; status: string}) => c.type === 'Established' && c.status === 'True') ? crd : undefined;
		});
		assert.equal(established.status.acceptedNames.listKind, 'WidgetList');

		const aggregated = await call('GET', '/apis', undefined, AGGREGATED);
		assert.match(aggregated.type, /as=APIGroupDiscoveryList/);
		const group = aggregated.json.items.find((g: {metadata: {name: string}}) => g.metadata.name === 'example.com');
		const resource = group.versions[0].resources[0];
		assert.deepEqual([resource.resource, resource.scope, resource.singularResource, resource.shortNames, resource.categories, resource.subresources[0].subresource], ['widgets', 'Namespaced', 'widget', ['wg'], ['gadgets'], 'status']);
		const perGroup = await call('GET', '/apis/example.com/v1');
		assert.deepEqual(perGroup.json.resources.map((r: {name: string}) => r.name), ['widgets', 'widgets/status']);
		const openapi = (await call('GET', '/openapi/v3/apis/example.com/v1')).json;
		assert.equal(openapi.components.schemas['com.example.v1.Widget'].properties.spec.properties.size.description, 'How big.');

		const created = await call('POST', '/apis/example.com/v1/namespaces/default/widgets', {apiVersion: 'example.com/v1', kind: 'Widget', metadata: {name: 'w1'}, spec: {size: 3, colour: 'teal'}, status: {conditions: [{type: 'Ready', status: 'True'}]}});
		assert.equal(created.status, 201);
		assert.equal(created.json.metadata.generation, 1);
		// Status is a subresource: a main-resource write keeps it, a status write sets only it.
		await call('PATCH', '/apis/example.com/v1/namespaces/default/widgets/w1/status', {status: {conditions: [{type: 'Ready', status: 'True'}]}});
		const table = (await call('GET', '/apis/example.com/v1/namespaces/default/widgets', undefined, TABLE)).json;
		assert.deepEqual(table.columnDefinitions.map((c: {name: string; type: string; priority: number}) => `${c.name}:${c.type}:${c.priority}`), ['Name:string:0', 'Size:integer:0', 'Ready:string:0', 'Colour:string:1']);
		assert.deepEqual(table.rows[0].cells, ['w1', 3, 'True', 'teal']);

		assert.equal((await call('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com')).status, 200);
		assert.equal((await call('GET', '/apis/example.com/v1/namespaces/default/widgets')).status, 404);
		const after = await call('GET', '/apis', undefined, AGGREGATED);
		assert.ok(!after.json.items.some((g: {metadata: {name: string}}) => g.metadata.name === 'example.com'));
		assert.equal((await call('GET', '/apis/example.com/v1')).status, 404);
	});

	it('test/real/crds holds exactly the definitions the demo installs', () => {
		const dir = join(import.meta.dirname, '../real/crds');
		const files = readdirSync(dir).sort();
		assert.deepEqual(files, ML_DEFINITIONS.map(d => `${d.metadata.name}.yaml`).sort());
		for (const definition of ML_DEFINITIONS) {
			const {uid: _uid, ...metadata} = definition.metadata;
			assert.deepEqual(load(readFileSync(join(dir, `${definition.metadata.name}.yaml`), 'utf8')), {...definition, metadata});
		}
	});

	const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
	describe('kubectl', {skip: probe.error ? `kubectl is not installed (${probe.error.message})` : undefined}, () => {
		const kubectl = (...args: string[]) => new Promise<string>((resolve, reject) => {
			execFile('kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args], {timeout: 60_000}, (error, stdout, stderr) => (error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
		});

		it('applies the demo CRDs, gets and explains a custom resource, and creates a List of mixed kinds', async () => {
			await kubectl('apply', '-f', join(import.meta.dirname, '../real/crds'));
			await waitFor('pytorchjobs served', async () => ((await call('GET', '/apis/kubeflow.org/v1/pytorchjobs')).status === 200 ? true : undefined));
			const dir = mkdtempSync(join(tmpdir(), 'kd-crd-'));
			const list = join(dir, 'list.json');
			writeFileSync(list, JSON.stringify({apiVersion: 'v1', kind: 'List', items: [
				{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'listed', namespace: 'default'}, data: {a: '1'}},
				{apiVersion: 'kueue.x-k8s.io/v1beta1', kind: 'LocalQueue', metadata: {name: 'team-b', namespace: 'default'}, spec: {clusterQueue: 'shared'}},
			]}));
			assert.match(await kubectl('create', '-f', list), /localqueue.kueue.x-k8s.io\/team-b created/);
			const table = await kubectl('get', 'lq', '-n', 'default');
			assert.match(table.split('\n')[0]!, /^NAME\s+CLUSTERQUEUE\s+PENDING WORKLOADS\s+ADMITTED WORKLOADS$/);
			assert.match(table, /^team-b\s+shared\s*$/m);
			const explained = await kubectl('explain', 'workloads.spec.queueName');
			assert.match(explained, /The LocalQueue the workload is submitted to\./);
			assert.match(await kubectl('get', 'crd'), /^pytorchjobs\.kubeflow\.org\s+\d{4}-/m);
			assert.match(await kubectl('api-resources', '--categories=kueue', '-o', 'name'), /clusterqueues\.kueue\.x-k8s\.io/);
		});
	});
});
