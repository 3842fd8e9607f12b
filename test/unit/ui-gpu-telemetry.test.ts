// The controller on the GPU telemetry panes: t on a :gpu node opens its GPUs (Enter stays "every
// pod on the node"), :gpuidle and :gpudevices open by command, and d / l on a :gpuidle row act on
// the pod it names; d on a device row describes its node.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {top, topTable} from '../../source/ui/state.js';
import {ENTER, env, keys, row, run, state} from './ui-harness.js';

const gpuNode = row('gpu-h100-2', {namespace: undefined});

test('t on a :gpu node opens :gpudevices narrowed to it; Esc comes back; Enter still lists every pod on the node', () => {
	const e = env({rows: {gpu: [gpuNode]}});
	const {state: devices} = run(state('gpu'), keys('t'), e);
	const table = topTable(devices)!;
	assert.deepEqual([table.pane, table.nodeName, table.detail, table.allNamespaces], ['gpudevices', 'gpu-h100-2', 'node/gpu-h100-2', true]);
	assert.equal(devices.stack.length, 2);
	const {state: back} = run(devices, keys('\u001B'), e);
	assert.equal(topTable(back)?.pane, 'gpu');
	const {state: pods} = run(state('gpu'), keys(ENTER), e);
	assert.deepEqual([topTable(pods)?.pane, topTable(pods)?.nodeName], ['pods', 'gpu-h100-2']);
	const {state: nothing} = run(state('gpu'), keys('t'), env({rows: {gpu: []}}));
	assert.equal(nothing.message?.text, 'nothing selected');
});

test(':gpuidle and :gpudevices open their panes', () => {
	for (const [word, pane] of [['gpuidle', 'gpuidle'], ['gpudevices', 'gpudevices'], ['gpudev', 'gpudevices']] as const) {
		const {state: after} = run(state('pods'), keys(':', ...word.split(''), ENTER), env());
		const view = top(after);
		assert.equal(view.type === 'table' && view.pane, pane, word);
	}
});

test('on :gpuidle the row is its pod: d describes the pod, Enter opens its containers; on :gpudevices d describes the node', () => {
	const idle = row('mig-notebook-alice', {namespace: 'ml-training', uid: 'pod-uid'});
	const e = env({rows: {gpuidle: [idle], gpudevices: [row('gpu-a100-mig-1', {namespace: undefined, node: 'gpu-a100-mig-1'})]}});
	const describe = run(state('gpuidle'), keys('d'), e).effects.find((effect) => effect.type === 'fetch');
	assert.ok(describe && describe.type === 'fetch');
	assert.deepEqual([describe.ref.kind, describe.ref.namespace, describe.ref.name], ['Pod', 'ml-training', 'mig-notebook-alice']);
	const {state: containers} = run(state('gpuidle'), keys(ENTER), e);
	assert.deepEqual([topTable(containers)?.pane, topTable(containers)?.pod?.uid], ['containers', 'pod-uid']);
	const node = run(state('gpudevices'), keys('d'), e).effects.find((effect) => effect.type === 'fetch');
	assert.ok(node && node.type === 'fetch');
	assert.deepEqual([node.ref.kind, node.ref.name], ['Node', 'gpu-a100-mig-1']);
});
