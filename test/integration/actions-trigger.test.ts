// Triggering a CronJob through the gate, against the simulator (and the real API server under
// test:real): the Job must be what `kubectl create job NAME --from=cronjob/CJ` makes, so kubectl
// makes one from the same CronJob and the two are compared field by field.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import type {KubeObject} from '../../source/model/types.js';
import {performAction} from '../../source/actions/gate.js';
import {INSTANTIATE_ANNOTATION} from '../../source/actions/triggerCronJob.js';
import {getOrUndefined, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

const run = promisify(execFile);
let fx: ActionsFixture;
let kubectl = false;

before(async () => {
	kubectl = await run('kubectl', ['version', '--client'], {timeout: 30_000}).then(() => true, () => false);
	fx = await startActionsFixture();
});
after(async () => {
	await fx?.stop();
});

const reasonOf = (result: Awaited<ReturnType<typeof performAction>>) => (result.ok ? undefined : result.reason);
const jobPath = (name: string) => `/apis/batch/v1/namespaces/${fx.namespace}/jobs/${name}`;

async function createCronJob(name: string): Promise<KubeObject> {
	return fx.client.request<KubeObject>({
		method: 'POST',
		path: `/apis/batch/v1/namespaces/${fx.namespace}/cronjobs`,
		body: {
			apiVersion: 'batch/v1',
			kind: 'CronJob',
			metadata: {name, labels: {team: 'data'}},
			spec: {
				schedule: '0 3 * * *',
				jobTemplate: {
					metadata: {labels: {app: name, tier: 'batch'}, annotations: {'example.com/owner': 'data-team'}},
					spec: {
						backoffLimit: 2,
						template: {
							metadata: {labels: {app: name}},
							spec: {restartPolicy: 'Never', containers: [{name: 'main', image: 'registry.example/report:1.0', args: ['--since', '24h']}]},
						},
					},
				},
			},
		},
	});
}

/** What kubectl and kubedeck decide; what the server adds (uid, times, controller-uid labels, status) is left out. */
function decided(job: KubeObject): Record<string, unknown> {
	const meta = job.metadata as unknown as Record<string, unknown>;
	const spec = job.spec as Record<string, unknown>;
	const {selector: _selector, template, ...restSpec} = spec as {selector?: unknown; template?: {metadata?: {labels?: Record<string, string>}}};
	const serverLabels = /^(batch\.kubernetes\.io\/)?(controller-uid|job-name)$/;
	const podLabels = Object.fromEntries(Object.entries(template?.metadata?.labels ?? {}).filter(([k]) => !serverLabels.test(k)));
	const labels = Object.fromEntries(Object.entries((meta['labels'] as Record<string, string>) ?? {}).filter(([k]) => !serverLabels.test(k)));
	return {
		labels,
		annotations: meta['annotations'],
		ownerReferences: meta['ownerReferences'],
		spec: {...restSpec, template: {...template, metadata: {...template?.metadata, labels: podLabels}}},
	};
}

test('trigger makes the Job kubectl create job --from=cronjob makes: name, manual annotation, template labels, owner reference, spec', async () => {
	const cj = uniqueName('cj');
	const cronJob = await createCronJob(cj);
	const ours = `${cj}-ours`;
	const result = await performAction(fx.ctx(), {verb: 'trigger', kind: 'CronJob', namespace: fx.namespace, name: cj, jobName: ours, confirmed: true});
	assert.equal(result.ok, true, result.message);
	assert.equal(result.message, `job.batch/${ours} created from cronjob.batch/${cj}`);
	const job = (await getOrUndefined(fx.client, jobPath(ours)))!;
	assert.ok(job, 'the job exists');
	assert.equal(job.metadata.annotations?.[INSTANTIATE_ANNOTATION], 'manual');
	assert.equal(job.metadata.annotations?.['example.com/owner'], 'data-team');
	assert.deepEqual(job.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.uid, o.controller]), [['CronJob', cj, cronJob.metadata.uid, true]]);
	assert.deepEqual({app: job.metadata.labels?.['app'], tier: job.metadata.labels?.['tier']}, {app: cj, tier: 'batch'});
	assert.equal(job.metadata.labels?.['team'], undefined, "the CronJob's own labels are not copied, only its jobTemplate's");
	if (kubectl) {
		const theirs = `${cj}-kubectl`;
		await run('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, 'create', 'job', theirs, `--from=cronjob/${cj}`], {timeout: 60_000});
		const get = async (name: string) => JSON.parse((await run('kubectl', ['--kubeconfig', fx.cluster.kubeconfigPath, '-n', fx.namespace, 'get', 'job', name, '-o', 'json'], {timeout: 60_000})).stdout) as KubeObject;
		assert.deepEqual(decided(await get(ours)), decided(await get(theirs)));
	}
	const line = fx.audit.records.at(-1)!;
	assert.deepEqual([line.verb, line.kind, line.name, line.args, line.result.ok], ['trigger', 'CronJob', cj, {jobName: ours}, true]);
});

test('trigger: unconfirmed, read-only, a bad job name and a missing CronJob are refused; a dry run creates nothing', async () => {
	const cj = uniqueName('cj');
	await createCronJob(cj);
	const intent = {verb: 'trigger', kind: 'CronJob', namespace: fx.namespace, name: cj, jobName: `${cj}-x`} as const;
	assert.equal(reasonOf(await performAction(fx.ctx(), intent)), 'NotConfirmed');
	assert.equal(reasonOf(await performAction(fx.ctx({readonly: true}), {...intent, confirmed: true})), 'ReadOnly');
	assert.equal(await getOrUndefined(fx.client, jobPath(`${cj}-x`)), undefined);
	const bad = await performAction(fx.ctx(), {...intent, jobName: 'Bad_Name', confirmed: true});
	assert.deepEqual([bad.ok, bad.ok ? '' : bad.reason], [false, 'Invalid']);
	const missing = await performAction(fx.ctx(), {...intent, name: 'no-such-cronjob', confirmed: true});
	assert.deepEqual([missing.ok, missing.ok ? 0 : missing.code], [false, 404]);
	const dry = await performAction(fx.ctx(), {...intent, dryRun: true});
	assert.equal(dry.ok, true, dry.message);
	assert.match(dry.message, /server dry run/);
	assert.equal(await getOrUndefined(fx.client, jobPath(`${cj}-x`)), undefined, 'the dry run stored nothing');
	assert.equal(reasonOf(await performAction(fx.ctx(), {verb: 'trigger', kind: 'Deployment' as never, namespace: fx.namespace, name: cj, jobName: 'x', confirmed: true})), 'Unsupported');
});

test('after a trigger the CronJob\'s ACTIVE stays 0: the CronJob controller lists only the Jobs it scheduled itself (real API server)', async (t) => {
	// The simulator runs no CronJob controller, so there is nothing to check on it: this pins what
	// Kubernetes' own controller does with a Job made by hand (kubectl create job --from does the same).
	if (fx.cluster.kind !== 'real') return t.skip('the simulator runs no CronJob controller; the behaviour is the real controller\'s');
	const cj = uniqueName('cj');
	await createCronJob(cj);
	const jobName = `${cj}-now`;
	const result = await performAction(fx.ctx(), {verb: 'trigger', kind: 'CronJob', namespace: fx.namespace, name: cj, jobName, confirmed: true});
	assert.equal(result.ok, true, result.message);
	// The controller's answer to a Job it did not make: a Warning on the CronJob, and no adoption.
	const event = await waitFor('the CronJob controller\'s UnexpectedJob event', async () => {
		const list = await fx.client.request<{items: Array<{reason?: string; message?: string; involvedObject?: {kind?: string; name?: string}}>}>({path: `/api/v1/namespaces/${fx.namespace}/events`});
		return list.items.find((e) => e.reason === 'UnexpectedJob' && e.involvedObject?.kind === 'CronJob' && e.involvedObject.name === cj);
	});
	assert.match(event.message ?? '', new RegExp(`did not create or forgot: ${jobName}`));
	const cronJob = await fx.client.request<KubeObject>({path: `/apis/batch/v1/namespaces/${fx.namespace}/cronjobs/${cj}`});
	const active = ((cronJob.status as {active?: Array<{name?: string}>} | undefined)?.active ?? []).map((ref) => ref.name);
	assert.deepEqual(active, [], 'the manual Job is not in status.active, so ACTIVE reads 0');
});
