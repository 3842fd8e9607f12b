// The pods pane's LAST column ("which pod was OOMKilled") is kept when the terminal is too narrow
// for every column: IP and NODE (kubectl's -o wide columns) give way before it at 120 columns
// across all namespaces; but NAME does not, so at 80 LAST goes rather than cut names to stubs.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable} from '../../views/ResourceTable.js';
import {podColumns, projectPod} from '../../source/model/pods.js';
import type {KubeObject} from '../../source/model/types.js';

afterEach(() => cleanup());

const NOW = Date.parse('2026-12-05T12:00:00Z');
const pod = (namespace: string, name: string, node: string, last?: {reason: string; exitCode: number; finishedAt: string}): KubeObject => ({
	kind: 'Pod',
	metadata: {uid: `${namespace}/${name}`, name, namespace, creationTimestamp: '2026-12-05T09:00:00Z'},
	spec: {nodeName: node, containers: [{name: 'app', image: 'app:1'}]},
	status: {
		phase: 'Running',
		podIP: '10.244.3.17',
		conditions: [{type: 'Ready', status: 'True', lastTransitionTime: '2026-12-05T09:01:00Z'}],
		containerStatuses: [{name: 'app', ready: true, restartCount: last ? 1 : 0, state: {running: {startedAt: '2026-12-05T09:02:00Z'}}, ...(last ? {lastState: {terminated: {...last, startedAt: '2026-12-05T09:00:30Z'}}} : {})}],
	},
});
// As on the demo: long generated names, GPU node names, one pod OOMKilled hours ago.
const rows = [
	pod('kube-system', 'nvidia-device-plugin-daemonset-28jpp', 'gpu-l4-shared-1'),
	pod('production', 'cache-warmer-844f858fb-gmkhq', 'worker-2', {reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-12-05T09:01:00Z'}),
	pod('ml-serving', 'embeddings-5cc9c45b8c-7jkb7', 'gpu-a100-mig-1'),
].map(projectPod);

test('pods at 120 columns across namespaces: LAST stays and says OOMKilled; IP and NODE give way first', () => {
	const {lastFrame} = render(<ResourceTable rows={rows} columns={podColumns} selectedIndex={0} height={10} width={120} wide={false} allNamespaces now={NOW} title="pods" scope="all" />);
	const [, header = '', ...lines] = (lastFrame() ?? '').split('\n');
	assert.match(header, /\bLAST\b/, header);
	assert.doesNotMatch(header, /\bNODE\b/, header);
	assert.match(lines.find((l) => l.includes('cache-warmer'))!, /OOMKilled 179m/);
	for (const line of [header, ...lines]) assert.ok(line.length <= 120, line);
});

test('pods at 80 columns across namespaces: NAME keeps two thirds of its width, and LAST gives way', () => {
	const {lastFrame} = render(<ResourceTable rows={rows} columns={podColumns} selectedIndex={0} height={10} width={80} wide={false} allNamespaces now={NOW} title="pods" scope="all" />);
	const [, header = '', ...lines] = (lastFrame() ?? '').split('\n');
	assert.doesNotMatch(header, /\bLAST\b/, header);
	assert.match(lines.join('\n'), /nvidia-device-plugin-d/, 'the name still tells the pods apart');
});
