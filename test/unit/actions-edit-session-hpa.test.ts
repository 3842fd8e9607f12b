// planEdit with fake ports (no server, no terminal): when the gate's dry run answers that an HPA
// owns the replicas the edit changes, the plan names it and its intent carries the HPA's name,
// which is what the gate asks of the confirmed edit.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import {planEdit} from '../../source/actions/editSession.js';
import type {ActionResult, Intent} from '../../source/actions/gate.js';
import type {KubeObject} from '../../source/model/types.js';

const live = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop', resourceVersion: '7'}, spec: {replicas: 2}} as unknown as KubeObject;

async function plan(dryAnswer: ActionResult) {
	const sent: Intent[] = [];
	const result = await planEdit(
		{
			read: async () => live,
			perform: async (intent) => {
				sent.push(intent);
				return dryAnswer;
			},
			edit: async (file) => {
				fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^ {2}replicas: 2$/m, '  replicas: 5'));
				return {ok: true, code: 0} as never;
			},
			tmpdir: os.tmpdir(),
		},
		{kind: 'Deployment', namespace: 'shop', name: 'web'},
	);
	return {result, sent};
}

const diff = ['--- live', '+++ dry run', '@@ -1 +1 @@', '-  replicas: 2', '+  replicas: 5'];

test('the dry run names an HPA: the plan carries it and the intent to confirm names it', async () => {
	const hpa = {name: 'web-hpa', min: 2, max: 10};
	const {result, sent} = await plan({ok: true, message: 'dry run', details: {diff, hpa}});
	assert.equal(sent.length, 1);
	assert.equal((sent[0] as {dryRun?: boolean}).dryRun, true, 'only the dry run was sent');
	assert.equal(result.type, 'ready');
	if (result.type !== 'ready') return;
	assert.deepEqual(result.hpa, hpa);
	assert.equal(result.intent.hpa, 'web-hpa');
	assert.equal((result.intent.object?.spec as {replicas: number}).replicas, 5);
});

test('no HPA in the dry run\'s answer (or a malformed one): a plain plan, the intent names none', async () => {
	for (const details of [{diff}, {diff, hpa: {name: 'x'}}, {diff, hpa: 'web-hpa'}]) {
		const {result} = await plan({ok: true, message: 'dry run', details});
		assert.equal(result.type, 'ready');
		if (result.type !== 'ready') continue;
		assert.equal(result.hpa, undefined, JSON.stringify(details));
		assert.equal(result.intent.hpa, undefined);
	}
});
