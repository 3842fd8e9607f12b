// Prints how long the windowed table takes to render a frame over large row sets, and how
// long filter+sort (selectRows) takes on the same rows: the per-frame cost of a busy pane.
import React from 'react';
import {render} from 'ink-testing-library';
import {ResourceTable} from '../views/ResourceTable.js';
import {selectRows} from '../source/store/selectors.js';
import {podColumns, type PodRow} from '../source/model/pods.js';

const now = Date.now();

function pod(i: number): PodRow {
	return {
		kind: 'Pod',
		uid: `uid-${i}`,
		name: `worker-${(i * 7919) % 100000}-abcde`,
		namespace: `ns-${i % 50}`,
		createdAt: now - i * 1000,
		severity: i % 97 === 0 ? 'error' : 'ok',
		phase: 'Running',
		ready: '1/1',
		status: i % 97 === 0 ? 'CrashLoopBackOff' : 'Running',
		restarts: i % 5,
		ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
		node: `node-${i % 300}`,
		qos: 'Burstable',
		requests: {cpu: 0.1, memory: 128 * 1024 * 1024},
		accelerators: {},
		owners: [],
		containers: ['app'],
		deleting: false,
	} as PodRow;
}

for (const count of [1_000, 10_000, 50_000]) {
	const rows = Array.from({length: count}, (_, i) => pod(i));
	let t = performance.now();
	const sorted = selectRows(rows, podColumns, {sort: {column: 'age', ascending: true}}, now);
	const sortMs = performance.now() - t;
	t = performance.now();
	const filtered = selectRows(rows, podColumns, {filter: 'crash'}, now);
	const filterMs = performance.now() - t;
	const element = (selected: number) => (
		<ResourceTable rows={sorted} columns={podColumns} selectedIndex={selected} height={40} width={200} wide={false} allNamespaces now={now} title="pods" scope="all" />
	);
	const app = render(element(0));
	t = performance.now();
	const frames = 50;
	for (let i = 1; i <= frames; i++) app.rerender(element(i * 97));
	const frameMs = (performance.now() - t) / frames;
	app.unmount();
	console.log(
		`${String(count).padStart(6)} rows: sort by age ${sortMs.toFixed(1)} ms, filter /crash/ ${filterMs.toFixed(1)} ms (${filtered.length} hits), table frame ${frameMs.toFixed(2)} ms`,
	);
}
