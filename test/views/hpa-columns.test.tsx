// :hpa at 80 columns: REPLICAS answers "is it pinned at max", so a narrow terminal keeps it, and
// MINPODS / MAXPODS beside it, and lets REFERENCE go first (the HPA is usually named after it).
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable} from '../../views/ResourceTable.js';
import {hpaColumns, projectHpa} from '../../source/model/hpa.js';
import type {KubeObject} from '../../source/model/types.js';
import {displayWidth} from '../../source/terminal/width.js';

afterEach(() => cleanup());

const NOW = Date.parse('2026-12-05T10:00:00Z');
const hpa = (namespace: string, name: string, min: number, max: number, current: number, cpu: number, target: number): KubeObject => ({
	metadata: {uid: `${namespace}/${name}`, name, namespace, creationTimestamp: '2026-10-01T00:00:00Z'},
	spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name}, minReplicas: min, maxReplicas: max, metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: target}}}]},
	status: {currentReplicas: current, desiredReplicas: current, currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: cpu}}}],
		conditions: current === max ? [{type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas'}] : []},
});
// The demo's HPAs (source/sim/world/scenarios/demo.ts and autoscaling.ts), as the HPA controller leaves them.
const rows = [hpa('production', 'web', 3, 10, 10, 140, 70), hpa('production', 'api', 2, 6, 3, 41, 60), hpa('ml-serving', 'llm-inference', 2, 6, 3, 62, 75)].map(projectHpa);

test('at 80 columns :hpa keeps REPLICAS, MINPODS and MAXPODS, and STATUS says which is pinned', () => {
	const {lastFrame} = render(<ResourceTable rows={rows} columns={hpaColumns} selectedIndex={0} height={10} width={80} wide={false} allNamespaces={true} now={NOW} title="hpa" scope="all" />);
	const [, header, ...lines] = (lastFrame() ?? '').split('\n');
	for (const title of ['NAME', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'STATUS']) assert.match(header!, new RegExp(`\\b${title}\\b`), `${title} in ${header}`);
	assert.ok(displayWidth(header!) <= 80);
	const web = lines.find((line) => line.includes(' web '))!;
	assert.match(web, /\b3\s+10\s+10\b/, `min, max and replicas of the pinned HPA: ${web}`);
	assert.match(web, /AtMax$/, web);
});
