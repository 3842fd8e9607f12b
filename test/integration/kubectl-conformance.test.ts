// The installed kubectl, unmodified, against the simulated cluster: the commands an SRE
// types mid-incident must behave as they do against a real API server.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {AppsV1Api, AutoscalingV2Api, BatchV1Api, CoreV1Api, PolicyV1Api} from '@kubernetes/client-node';
import {startTestCluster, uniqueName, type TestCluster} from './cluster.js';
import {createNamespace, podBody, waitFor} from './sim-helpers.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const missing = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

describe('kubectl against the simulated cluster', {skip: missing}, () => {
	let cluster: TestCluster;
	let namespace: string;
	let core: CoreV1Api;
	const children: ChildProcess[] = [];

	function kubectl(...args: string[]): Promise<{stdout: string; stderr: string}> {
		return new Promise((resolve, reject) => {
			execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], {timeout: 60_000, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
				if (error) reject(new Error(`kubectl ${args.join(' ')} failed: ${stderr || error.message}`));
				else resolve({stdout, stderr});
			});
		});
	}

	/** A long-running kubectl whose output accumulates in `out.text`. */
	function kubectlStream(...args: string[]): {out: {text: string}; child: ChildProcess} {
		const child = spawn('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		children.push(child);
		const out = {text: ''};
		child.stdout!.on('data', chunk => (out.text += String(chunk)));
		child.stderr!.on('data', chunk => (out.text += String(chunk)));
		return {out, child};
	}

	before(async () => {
		cluster = await startTestCluster();
		namespace = uniqueName('kc');
		await createNamespace(cluster.kubeConfig, namespace);
		core = cluster.kubeConfig.makeApiClient(CoreV1Api);
		await cluster.kubeConfig.makeApiClient(AppsV1Api).createNamespacedDeployment({namespace, body: {
			metadata: {name: 'web'},
			spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'registry.example/web:1.0'}]}}},
		}});
		await waitFor('two running web pods', async () => {
			const pods = await core.listNamespacedPod({namespace, labelSelector: 'app=web'});
			return pods.items.filter(p => p.status?.phase === 'Running').length >= 2 || undefined;
		});
	});
	after(async () => {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
		await cluster?.stop();
	});

	it('get pods -A -o json lists pods across namespaces', async () => {
		const {stdout} = await kubectl('get', 'pods', '-A', '-o', 'json');
		const list = JSON.parse(stdout) as {kind: string; items: Array<{metadata: {namespace: string; labels?: Record<string, string>}}>};
		assert.equal(list.kind, 'List');
		assert.equal(list.items.filter(p => p.metadata.namespace === namespace && p.metadata.labels?.app === 'web').length, 2);
	});

	it('get pods (table) prints kubectl’s columns', async () => {
		const {stdout} = await kubectl('get', 'pods', '-n', namespace);
		assert.match(stdout.split('\n')[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
		assert.match(stdout, /web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+s/);
	});

	it('get pods -w observes a change', async () => {
		const {out} = kubectlStream('get', 'pods', '-n', namespace, '-w', '-o', 'name');
		// Human output: the watch events must come as Table rows, or kubectl prints only NAME/AGE.
		const {out: table} = kubectlStream('get', 'pods', '-n', namespace, '-w');
		await waitFor('the initial list', () => (out.text.includes('pod/web-') && table.text.includes('web-')) || undefined);
		await core.createNamespacedPod({namespace, body: podBody('watched-by-kubectl')});
		await waitFor('the new pod in the watch output', () => out.text.includes('pod/watched-by-kubectl') || undefined);
		await waitFor('the new pod running in the table watch', () => /^watched-by-kubectl\s+1\/1\s+Running\s+0\s+\d+s$/m.test(table.text) || undefined);
	});

	it('scale deploy changes spec.replicas and the pods follow', async () => {
		await kubectl('scale', 'deploy', 'web', '-n', namespace, '--replicas=3');
		const {stdout} = await kubectl('get', 'deploy', 'web', '-n', namespace, '-o', 'jsonpath={.spec.replicas}');
		assert.equal(stdout, '3');
		await waitFor('three ready replicas', async () => (await kubectl('get', 'deploy', 'web', '-n', namespace, '-o', 'jsonpath={.status.readyReplicas}')).stdout === '3' || undefined);
	});

	it('rollout restart, then rollout status completes', async () => {
		const before = (await kubectl('get', 'rs', '-n', namespace, '-o', 'name')).stdout.trim().split('\n');
		await kubectl('rollout', 'restart', 'deploy/web', '-n', namespace);
		const {stdout: annotation} = await kubectl('get', 'deploy', 'web', '-n', namespace, '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}');
		assert.match(annotation, /^\d{4}-\d\d-\d\dT/);
		const {stdout} = await kubectl('rollout', 'status', 'deploy/web', '-n', namespace, '--timeout=60s');
		assert.match(stdout, /successfully rolled out/);
		const afterRs = (await kubectl('get', 'rs', '-n', namespace, '-o', 'name')).stdout.trim().split('\n');
		assert.ok(afterRs.some(rs => !before.includes(rs)), 'a new ReplicaSet exists');
	});

	it('logs, logs --tail and logs -f', async () => {
		await core.createNamespacedPod({namespace, body: podBody('chatty')});
		// Before its container starts, a real server answers `logs` with 400 (ContainerCreating).
		await waitFor('chatty to run', async () => (await core.readNamespacedPod({namespace, name: 'chatty'})).status?.phase === 'Running' || undefined);
		await waitFor('chatty to print', async () => ((await kubectl('logs', 'chatty', '-n', namespace)).stdout.split('\n').length > 3 ? true : undefined));
		const {stdout: tail} = await kubectl('logs', 'chatty', '-n', namespace, '--tail=2', '--timestamps');
		assert.equal(tail.trimEnd().split('\n').length, 2);
		const {out} = kubectlStream('logs', '-f', 'chatty', '-n', namespace, '--tail=1');
		await waitFor('the tail line', () => out.text.length > 0 || undefined);
		const first = out.text.split('\n').length;
		await waitFor('followed lines', () => out.text.split('\n').length > first + 1 || undefined);
	});

	it('delete pod waits for it to go', async () => {
		const {stdout} = await kubectl('delete', 'pod', 'watched-by-kubectl', '-n', namespace);
		assert.match(stdout, /pod "watched-by-kubectl" deleted/);
		await assert.rejects(kubectl('get', 'pod', 'watched-by-kubectl', '-n', namespace), /NotFound|not found/);
	});

	it('cordon and uncordon toggle spec.unschedulable', async () => {
		// A shared real cluster's nodes run other tests' pods: cordon a node made for the purpose there.
		const own = cluster.kind === 'real' ? uniqueName('kc-node') : undefined;
		if (own) await core.createNode({body: {metadata: {name: own}, spec: {taints: [{key: 'kubedeck-test/no-kubelet', effect: 'NoSchedule'}]}}});
		try {
			const node = own ?? (await kubectl('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}')).stdout;
			assert.ok(node);
			await kubectl('cordon', node);
			assert.equal((await kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).stdout, 'true');
			assert.match((await kubectl('get', 'node', node)).stdout, /SchedulingDisabled/);
			await kubectl('uncordon', node);
			assert.equal((await kubectl('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).stdout, '');
		} finally {
			if (own) await core.deleteNode({name: own}).catch(() => undefined);
		}
	});

	it('create namespace and create deployment (protobuf bodies) work, and the pods run', async () => {
		const extra = uniqueName('kcx');
		await kubectl('create', 'namespace', extra);
		assert.equal((await kubectl('get', 'ns', extra, '-o', 'jsonpath={.status.phase}')).stdout, 'Active');
		await kubectl('create', 'deployment', 'made', '--image=registry.example/made:1.0', '--replicas=2', '--port=8080', '-n', extra);
		const template = JSON.parse((await kubectl('get', 'deploy', 'made', '-n', extra, '-o', 'jsonpath={.spec.template}')).stdout) as {metadata: {labels: Record<string, string>}; spec: {containers: Array<{name: string; image: string; ports: Array<{containerPort: number}>}>}};
		assert.deepEqual(template.metadata.labels, {app: 'made'});
		assert.deepEqual(template.spec.containers.map(c => [c.name, c.image, c.ports[0]?.containerPort]), [['made', 'registry.example/made:1.0', 8080]]);
		const {stdout} = await kubectl('rollout', 'status', 'deploy/made', '-n', extra, '--timeout=60s');
		assert.match(stdout, /successfully rolled out/);
		await kubectl('delete', 'namespace', extra, '--wait=false');
	});

	/** A table's column headers (kubectl pads columns with at least two spaces, and header names may hold one). */
	const header = (stdout: string): string[] => stdout.split('\n')[0]!.trim().split(/\s{2,}/);

	it('get events --sort-by=.lastTimestamp lists the events, oldest first (the table carries whole objects)', async () => {
		const {stdout} = await kubectl('get', 'events', '-n', namespace, '--sort-by=.lastTimestamp');
		assert.deepEqual(header(stdout), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
		assert.match(stdout, /Scheduled\s+pod\/web-/);
		const {stdout: json} = await kubectl('get', 'events', '-n', namespace, '--sort-by=.lastTimestamp', '-o', 'jsonpath={range .items[*]}{.lastTimestamp}{"\\n"}{end}');
		const stamps = json.trim().split('\n');
		assert.ok(stamps.length > 3, 'several events');
		// The scheduler records through events.k8s.io: eventTime only, lastTimestamp null, and kubectl sorts those first.
		const undated = stamps.filter(stamp => stamp === 'null').length;
		assert.ok(stamps.slice(0, undated).every(stamp => stamp === 'null'), `events without lastTimestamp come first: ${stamps.join(' ')}`);
		const dated = stamps.slice(undated);
		assert.ok(dated.length > 0, 'controllers’ events carry lastTimestamp');
		assert.deepEqual(dated, [...dated].sort(), 'the rest sorted by lastTimestamp');
		// The two shapes a real server shows in core/v1: the scheduler's (events.k8s.io) and a controller's.
		const {stdout: raw} = await kubectl('get', 'events', '-n', namespace, '-o', 'json');
		const events = (JSON.parse(raw) as {items: Array<Record<string, unknown>>}).items;
		const shape = (e: Record<string, unknown>) => ({
			eventTime: typeof e.eventTime === 'string' ? e.eventTime.replace(/\d/g, '0') : e.eventTime ?? null,
			lastTimestamp: typeof e.lastTimestamp === 'string' ? 'set' : e.lastTimestamp ?? null,
			count: e.count ?? null,
			action: e.action ?? null,
			source: e.source,
			reportingComponent: e.reportingComponent,
		});
		const scheduled = events.find(e => e.reason === 'Scheduled');
		assert.ok(scheduled, 'a Scheduled event');
		assert.deepEqual(shape(scheduled), {eventTime: '0000-00-00T00:00:00.000000Z', lastTimestamp: null, count: null, action: 'Binding', source: {}, reportingComponent: 'default-scheduler'});
		assert.match(String(scheduled.reportingInstance), /^default-scheduler-./);
		const created = events.find(e => e.reason === 'SuccessfulCreate' && (e.involvedObject as {kind?: string}).kind === 'ReplicaSet');
		assert.ok(created, 'a ReplicaSet SuccessfulCreate event');
		assert.deepEqual(shape(created), {eventTime: null, lastTimestamp: 'set', count: 1, action: null, source: {component: 'replicaset-controller'}, reportingComponent: 'replicaset-controller'});
		const {stdout: all} = await kubectl('get', 'events', '-A', '--sort-by=.lastTimestamp');
		assert.deepEqual(header(all), ['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
		assert.ok(all.split('\n').length > stamps.length);
	});

	it('table columns per kind match the real API server’s, plain and -o wide', async () => {
		const apps = cluster.kubeConfig.makeApiClient(AppsV1Api);
		const labels = {app: 'cols'};
		const template = {metadata: {labels}, spec: {containers: [{name: 'cols', image: 'registry.example/cols:1.0'}]}};
		await core.createNamespacedService({namespace, body: {metadata: {name: 'web'}, spec: {selector: {app: 'web'}, ports: [{port: 80, targetPort: 8080}]}}});
		await core.createNamespacedConfigMap({namespace, body: {metadata: {name: 'web'}, data: {'a.conf': 'x', 'b.conf': 'y'}, binaryData: {blob: 'AA=='}}});
		await apps.createNamespacedDaemonSet({namespace, body: {metadata: {name: 'cols'}, spec: {selector: {matchLabels: labels}, template}}});
		await cluster.kubeConfig.makeApiClient(BatchV1Api).createNamespacedJob({namespace, body: {metadata: {name: 'cols'}, spec: {template: {...template, spec: {...template.spec, restartPolicy: 'Never'}}}}});
		await cluster.kubeConfig.makeApiClient(PolicyV1Api).createNamespacedPodDisruptionBudget({namespace, body: {metadata: {name: 'web'}, spec: {minAvailable: 1, selector: {matchLabels: {app: 'web'}}}}});
		await cluster.kubeConfig.makeApiClient(AutoscalingV2Api).createNamespacedHorizontalPodAutoscaler({namespace, body: {metadata: {name: 'web'}, spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, minReplicas: 1, maxReplicas: 3, metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 50}}}]}}});
		const workload = ['CONTAINERS', 'IMAGES', 'SELECTOR'];
		const expected: Array<[string, string[], string[]]> = [
			['pods', ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']],
			['deployments', ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], workload],
			['replicasets', ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], workload],
			['daemonsets', ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], workload],
			['jobs', ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'], workload],
			['services', ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['SELECTOR']],
			['endpointslices', ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], []],
			['poddisruptionbudgets', ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'], []],
			['horizontalpodautoscalers', ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'], []],
			['events', ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], []],
			['configmaps', ['NAME', 'DATA', 'AGE'], []],
		];
		await waitFor('an endpoint slice for the web service', async () => (await kubectl('get', 'endpointslices', '-n', namespace, '-o', 'name')).stdout.trim() || undefined);
		for (const [resource, columns, wideTail] of expected) {
			assert.deepEqual(header((await kubectl('get', resource, '-n', namespace)).stdout), columns, resource);
			if (resource === 'events') continue;
			assert.deepEqual(header((await kubectl('get', resource, '-n', namespace, '-o', 'wide')).stdout), [...columns, ...wideTail], `${resource} -o wide`);
		}
		const {stdout: events} = await kubectl('get', 'events', '-n', namespace, '-o', 'wide');
		assert.deepEqual(header(events), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
		assert.deepEqual(header((await kubectl('get', 'nodes')).stdout), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
		assert.deepEqual(header((await kubectl('get', 'nodes', '-o', 'wide')).stdout), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
		assert.deepEqual(header((await kubectl('get', 'namespaces')).stdout), ['NAME', 'STATUS', 'AGE']);
		// Cells, not only headers.
		assert.match((await kubectl('get', 'hpa', 'web', '-n', namespace)).stdout, /^web\s+Deployment\/web\s+cpu: (<unknown>|\d+%)\/50%\s+1\s+3\s+\d+\s+\d+s$/m);
		assert.match((await kubectl('get', 'deploy', 'web', '-n', namespace, '-o', 'wide')).stdout, /^web\s+\d+\/\d+\s+\d+\s+\d+\s+\S+\s+web\s+registry\.example\/web:1\.0\s+app=web$/m);
		assert.match((await kubectl('get', 'svc', 'web', '-n', namespace, '-o', 'wide')).stdout, /^web\s+ClusterIP\s+\d+\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+\S+\s+app=web$/m);
		assert.match((await kubectl('get', 'pdb', 'web', '-n', namespace)).stdout, /^web\s+1\s+N\/A\s+\d+\s+\S+$/m);
		assert.match((await kubectl('get', 'cm', 'web', '-n', namespace)).stdout, /^web\s+3\s+\S+$/m);
	});

	it('describe pod shows the pod and its events', async () => {
		const {stdout} = await kubectl('describe', 'pod', 'chatty', '-n', namespace);
		assert.match(stdout, /^Name:\s+chatty$/m);
		assert.match(stdout, new RegExp(`^Namespace:\\s+${namespace}$`, 'm'));
		assert.match(stdout, /^Status:\s+Running$/m);
		assert.match(stdout, /^Events:/m);
		assert.match(stdout, /Scheduled/, 'the scheduler’s event is found via the involvedObject field selector');
	});
});
