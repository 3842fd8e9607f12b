// :problems at 80 and 120 columns: REASON is what a row is for, so a narrow terminal lets SINCE go
// before REASON gives up a column, and a wide one spends its spare room on REASON (past the usual
// cap) rather than leaving it blank at the right edge.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable} from '../../views/ResourceTable.js';
import {problemColumns} from '../../source/ui/panes/problemsPane.js';
import type {ProblemRow} from '../../source/model/problems.js';
import {displayWidth} from '../../source/terminal/width.js';

afterEach(() => cleanup());

const NOW = Date.parse('2026-12-05T12:00:00Z');
const MIN = 60_000;
const row = (kind: string, namespace: string | undefined, name: string, reason: string, since?: number): ProblemRow => ({
	kind,
	uid: `${kind}/${name}`,
	name,
	...(namespace ? {namespace} : {}),
	severity: 'error',
	rank: 0,
	reason,
	...(since !== undefined ? {since} : {}),
});

// As the demo shows them: long reasons (the scheduler's and the autoscaler's words) beside short ones.
const rows: ProblemRow[] = [
	row('Node', undefined, 'worker-4', 'node unreachable (Ready Unknown)', NOW - 4 * MIN),
	row('Job', 'staging', 'search-reindex', 'failed: DeadlineExceeded: Job was active longer than specified deadline', NOW - 120 * MIN),
	row('Deployment', 'production', 'recommendations', 'ProgressDeadlineExceeded · 2 of 2 unavailable', NOW - 47 * MIN),
	row('Pod', 'kube-system', 'nvidia-device-plugin-daemonset-28jpp', 'CrashLoopBackOff · last Error (exit 1) · 40 restarts', NOW - 3 * MIN),
	row('Pod', 'ml-training', 'llama-finetune-worker-1', 'Pending for gpu:8 · no node will come (gpu-h100 at max size 2) · 0/10: 8 Insufficient nvidia.com/gpu', NOW - 26 * 60 * MIN),
];

function frame(width: number, shown: readonly ProblemRow[] = rows): {header: string; lines: string[]} {
	const {lastFrame} = render(<ResourceTable rows={shown} columns={problemColumns} selectedIndex={0} height={10} width={width} wide={false} allNamespaces={true} now={NOW} title="problems" scope="all" />);
	const [, header = '', ...lines] = (lastFrame() ?? '').split('\n');
	for (const line of [header, ...lines]) assert.ok(displayWidth(line) <= width, `fits ${width}: ${line}`);
	return {header, lines};
}

test('at 80 columns SINCE yields: REASON keeps its full 48 columns and SINCE is dropped first', () => {
	const {header, lines} = frame(80);
	assert.match(header, /\bREASON\b/);
	assert.doesNotMatch(header, /\bSINCE\b/, header);
	for (const r of rows) {
		const line = lines.find((l) => l.includes(r.reason.slice(0, 30)));
		assert.ok(line, `the reason of ${r.name} is there: ${r.reason}`);
		const shown = r.reason.length <= 48 ? r.reason : `${r.reason.slice(0, 47)}…`;
		assert.ok(line.includes(shown), `REASON at 48 columns: ${line}`);
	}
});

test('at 80 columns with short reasons there is room for both, and SINCE stays', () => {
	const short = [row('Node', undefined, 'worker-4', 'NotReady', NOW - 4 * MIN), row('Pod', 'payments', 'postgres-2', 'not ready 0/1', NOW - 71 * 60 * MIN)];
	const {header, lines} = frame(80, short);
	assert.match(header, /\bSINCE\s+REASON\b/, header);
	assert.match(lines.find((l) => l.includes('postgres-2'))!, /\b2d23h\s+not ready 0\/1/);
});

test('at 120 columns SINCE is shown, and REASON grows past the cap into the room left', () => {
	const {header, lines} = frame(120);
	assert.match(header, /\bSINCE\s+REASON\b/, header);
	// 118 columns inside the cursor gutter: NAMESPACE 11, NAME 36, SINCE 5 and three gaps leave REASON 58, not 48.
	const job = lines.find((l) => l.includes('job/search-reindex'))!;
	assert.match(job, /\b120m\s+failed: DeadlineExceeded: Job was active longer than specif…$/, job);
	const short = frame(120, rows.slice(0, 3));
	const whole = short.lines.find((l) => l.includes('job/search-reindex'))!;
	assert.match(whole, /\b120m\s+failed: DeadlineExceeded: Job was active longer than specified deadline$/, `read whole when the names are short: ${whole}`);
	const node = lines.find((l) => l.includes('node/worker-4'))!;
	assert.match(node, /\b4m\d*s?\s+node unreachable/, node);
});
