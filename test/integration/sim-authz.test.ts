// The simulator's self-reviews and its read-only viewer: what a client asks before acting
// (k9s checks every view with SelfSubjectAccessReview) must match what the server then does.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {AuthorizationV1Api, CoreV1Api, KubeConfig} from '@kubernetes/client-node';
import {startSim, type Sim} from '../../source/sim/index.js';
import {apiError} from './sim-helpers.js';

const viewerContext = 'kubedeck-demo-viewer';
const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const noKubectl = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

describe('simulator authorization', () => {
	let sim: Sim;
	let admin: KubeConfig;
	let viewer: KubeConfig;

	before(async () => {
		sim = await startSim({scenario: 'empty', speed: 100, seed: 1, forbid: [{resource: 'secrets', namespace: 'kube-system'}]});
		admin = new KubeConfig();
		admin.loadFromFile(sim.kubeconfigPath);
		viewer = new KubeConfig();
		viewer.loadFromFile(sim.kubeconfigPath);
		viewer.setCurrentContext(viewerContext);
	});
	after(async () => {
		await sim?.close();
	});

	async function canI(kubeConfig: KubeConfig, verb: string, resource: string, namespace?: string, group = ''): Promise<boolean> {
		const review = await kubeConfig.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({body: {spec: {resourceAttributes: {verb, resource, group, ...(namespace ? {namespace} : {})}}}});
		return review.status?.allowed ?? false;
	}

	it('the kubeconfig holds the demo user (current) and a viewer context', () => {
		assert.equal(admin.getCurrentContext(), 'kubedeck-demo');
		assert.ok(admin.getContexts().some(c => c.name === viewerContext));
	});

	it('discovery lists both review resources under authorization.k8s.io/v1', async () => {
		const list = await admin.makeApiClient(AuthorizationV1Api).getAPIResources();
		assert.deepEqual(list.resources.map(r => [r.name, r.verbs]).sort(), [['selfsubjectaccessreviews', ['create']], ['selfsubjectrulesreviews', ['create']]]);
	});

	// [context, verb, resource, namespace, expected]; the same answers the server then enforces.
	const cases: Array<['admin' | 'viewer', string, string, string | undefined, boolean]> = [
		['admin', 'delete', 'pods', 'default', true],
		['admin', 'list', 'pods', undefined, true],
		['admin', 'get', 'secrets', 'kube-system', false],
		['admin', 'list', 'secrets', 'default', true],
		['viewer', 'list', 'pods', undefined, true],
		['viewer', 'watch', 'pods', 'default', true],
		['viewer', 'get', 'namespaces', undefined, true],
		['viewer', 'delete', 'pods', 'default', false],
		['viewer', 'create', 'namespaces', undefined, false],
		['viewer', '*', 'pods', 'default', false],
	];
	for (const [who, verb, resource, namespace, expected] of cases) {
		it(`${who} may ${verb} ${resource}${namespace ? ` in ${namespace}` : ''}: ${expected}`, async () => {
			assert.equal(await canI(who === 'admin' ? admin : viewer, verb, resource, namespace), expected);
		});
	}

	it('the server enforces what the review says: the viewer reads but cannot write', async () => {
		const core = viewer.makeApiClient(CoreV1Api);
		assert.ok((await core.listNamespace()).items.length > 0);
		const denied = await apiError(() => core.createNamespace({body: {metadata: {name: 'not-allowed'}}}));
		assert.equal(denied.code, 403);
		assert.match(denied.message ?? '', /User "demo-viewer" cannot create resource "namespaces"/);
	});

	it('a rules review names the viewer read-only and the demo user everything', async () => {
		const viewerRules = await viewer.makeApiClient(AuthorizationV1Api).createSelfSubjectRulesReview({body: {spec: {namespace: 'default'}}});
		assert.deepEqual(viewerRules.status?.resourceRules[0]?.verbs, ['get', 'list', 'watch']);
		const adminRules = await admin.makeApiClient(AuthorizationV1Api).createSelfSubjectRulesReview({body: {spec: {namespace: 'default'}}});
		assert.deepEqual(adminRules.status?.resourceRules[0]?.verbs, ['*']);
		assert.equal(adminRules.status?.incomplete, false);
		const kubeSystem = await admin.makeApiClient(AuthorizationV1Api).createSelfSubjectRulesReview({body: {spec: {namespace: 'kube-system'}}});
		assert.equal(kubeSystem.status?.incomplete, true, 'a forbid rule is a denial RBAC rules cannot list');
	});

	it('an access review needs exactly one of resource and non-resource attributes', async () => {
		const invalid = await apiError(() => admin.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({body: {spec: {}}}));
		assert.equal(invalid.code, 422);
	});

	it('a wrong token on the viewer prefix is refused', async () => {
		const server = admin.getCurrentCluster()!.server;
		const response = await fetch(`${server}/users/viewer/api/v1/namespaces`, {headers: {Authorization: `Bearer ${admin.getCurrentUser()!.token}`}});
		assert.equal(response.status, 401);
	});

	describe('kubectl auth can-i (client-go, protobuf bodies, no token over http)', {skip: noKubectl}, () => {
		function canIKubectl(...args: string[]): Promise<string> {
			return new Promise(resolve => {
				execFile('kubectl', ['--kubeconfig', sim.kubeconfigPath, 'auth', 'can-i', ...args], {timeout: 60_000}, (_error, stdout) => resolve(stdout.trim()));
			});
		}
		it('answers yes and no per user', async () => {
			assert.equal(await canIKubectl('delete', 'pods'), 'yes');
			assert.equal(await canIKubectl('delete', 'pods', '--context', viewerContext), 'no');
			assert.equal(await canIKubectl('list', 'pods', '-A', '--context', viewerContext), 'yes');
			assert.equal(await canIKubectl('get', 'secrets', '-n', 'kube-system'), 'no');
		});
		it('--list prints the viewer read-only rules', async () => {
			const listing = await canIKubectl('--list', '--context', viewerContext);
			assert.match(listing, /\*\.\*\s+\[\]\s+\[\]\s+\[get list watch\]/);
		});
	});
});
