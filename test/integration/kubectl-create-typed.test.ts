// The installed kubectl's typed `create` commands for services, ingresses, PodDisruptionBudgets
// and CronJobs against the simulator as against a real server. Each sends a protobuf body (no
// JSON fallback), so the simulator must read those messages; each object is read back through
// the API and compared field by field with what the command asked for.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace} from './sim-helpers.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const missing = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

interface Stored {
	spec: Record<string, unknown>;
}

describe('kubectl create service, ingress, pdb and cronjob', {skip: missing}, () => {
	let cluster: TestCluster;
	let namespace: string;

	const kubectl = (...args: string[]) => new Promise<string>((resolve, reject) => {
		execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, '-n', namespace, ...args], {timeout: 60_000}, (error, stdout, stderr) => (error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)));
	});
	const read = async (what: string): Promise<Stored> => JSON.parse(await kubectl('get', what, '-o', 'json')) as Stored;

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('kct');
		await createNamespace(cluster.kubeConfig, namespace);
	});
	after(async () => {
		await cluster?.stop();
	});

	it('create service clusterip / nodeport / loadbalancer store ports, target ports (number or name) and selector', async () => {
		assert.match(await kubectl('create', 'service', 'clusterip', 'web', '--tcp=80:8080'), /^service\/web created$/m);
		assert.match(await kubectl('create', 'service', 'nodeport', 'named', '--tcp=80:http'), /^service\/named created$/m);
		assert.match(await kubectl('create', 'service', 'loadbalancer', 'edge', '--tcp=443:8443'), /^service\/edge created$/m);
		const web = (await read('service/web')).spec;
		assert.equal(web.type, 'ClusterIP');
		assert.deepEqual(web.selector, {app: 'web'});
		assert.deepEqual(web.ports, [{name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080}]);
		assert.match(String(web.clusterIP), /^\d+\.\d+\.\d+\.\d+$/);
		const named = (await read('service/named')).spec;
		assert.equal(named.type, 'NodePort');
		const [port] = named.ports as Array<{targetPort: unknown; nodePort?: number}>;
		assert.equal(port?.targetPort, 'http');
		// A node port from the default range is allocated for NodePort and LoadBalancer services.
		assert.ok(port?.nodePort !== undefined && port.nodePort >= 30000 && port.nodePort <= 32767, `nodePort ${port?.nodePort}`);
		assert.match(await kubectl('get', 'service', 'named'), /\b80:\d{5}\/TCP\b/);
		assert.equal((await read('service/edge')).spec.type, 'LoadBalancer');
	});

	it('create service externalname stores the name and gets no cluster IP', async () => {
		assert.match(await kubectl('create', 'service', 'externalname', 'ext', '--external-name=db.example.com'), /^service\/ext created$/m);
		const spec = (await read('service/ext')).spec;
		assert.equal(spec.type, 'ExternalName');
		assert.equal(spec.externalName, 'db.example.com');
		// The API server allocates no address for an ExternalName service.
		assert.equal(spec.clusterIP ?? '', '');
		assert.equal(spec.clusterIPs, undefined);
	});

	it('create ingress stores class, rules with backends by port number and by port name, and TLS', async () => {
		assert.match(await kubectl('create', 'ingress', 'front', '--class=nginx', '--rule=a.example.com/=web:80', '--rule=b.example.com/x*=named:http,tls=front-tls'), /^ingress.networking.k8s.io\/front created$/m);
		const spec = (await read('ingress/front')).spec;
		assert.equal(spec.ingressClassName, 'nginx');
		assert.deepEqual(spec.rules, [
			{host: 'a.example.com', http: {paths: [{path: '/', pathType: 'Exact', backend: {service: {name: 'web', port: {number: 80}}}}]}},
			{host: 'b.example.com', http: {paths: [{path: '/x', pathType: 'Prefix', backend: {service: {name: 'named', port: {name: 'http'}}}}]}},
		]);
		assert.deepEqual(spec.tls, [{hosts: ['b.example.com'], secretName: 'front-tls'}]);
	});

	it('create pdb stores minAvailable 0 as a number and maxUnavailable 50% as a string', async () => {
		await kubectl('create', 'pdb', 'none', '--selector=app=web', '--min-available=0');
		await kubectl('create', 'pdb', 'half', '--selector=app=named', '--max-unavailable=50%');
		const none = (await read('pdb/none')).spec;
		assert.equal(none.minAvailable, 0);
		assert.deepEqual(none.selector, {matchLabels: {app: 'web'}});
		assert.equal((await read('pdb/half')).spec.maxUnavailable, '50%');
	});

	it('create cronjob stores the schedule and the job template with its command', async () => {
		assert.match(await kubectl('create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'echo', 'hi'), /^cronjob.batch\/tick created$/m);
		const spec = (await read('cronjob/tick')).spec as {schedule: string; jobTemplate: {spec: {template: {spec: {restartPolicy: string; containers: Array<{name: string; image: string; command: string[]}>}}}}};
		assert.equal(spec.schedule, '*/5 * * * *');
		const pod = spec.jobTemplate.spec.template.spec;
		assert.equal(pod.restartPolicy, 'OnFailure');
		assert.deepEqual(pod.containers.map(c => [c.name, c.image, c.command]), [['tick', 'busybox', ['echo', 'hi']]]);
	});
});
