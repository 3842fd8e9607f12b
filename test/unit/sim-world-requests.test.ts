// The simulator's scheduler reads quantities and pod requests on its own (world/quantity.ts,
// world/requests.ts), in kube-scheduler's integer units: millicores for cpu, whole units otherwise.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {scaledQuantity, schedulerAmount} from '../../source/sim/world/quantity.js';
import {podRequests} from '../../source/sim/world/requests.js';
import type {KubeObject} from '../../source/model/types.js';

test('quantities scale exactly and round up, as Quantity.ScaledValue does', () => {
	const cases: Array<[unknown, number, number | undefined]> = [
		['250m', 3, 250],
		['1.5', 3, 1500],
		['2', 3, 2000],
		['0.1', 3, 100],
		['1m', 0, 1], // rounds up: the scheduler never under-counts
		['1500m', 0, 2],
		['128Mi', 0, 134_217_728],
		['1.5Gi', 0, 1_610_612_736],
		['1Ki', 3, 1_024_000],
		['1k', 0, 1000],
		['2M', 0, 2_000_000],
		['1E', 0, 1e18],
		['1e3', 0, 1000],
		['12e-3', 3, 12],
		['5n', 3, 1],
		['.5', 3, 500],
		['3.', 0, 3],
		['+4', 0, 4],
		['-250m', 3, -250],
		[8, 0, 8],
		[0.5, 3, 500],
		[' 2 ', 0, 2],
		['', 0, undefined],
		['.', 0, undefined],
		['1.5.5', 0, undefined],
		['10 Gi', 0, undefined],
		['1KiB', 0, undefined],
		[undefined, 0, undefined],
	];
	for (const [value, scale, expected] of cases) assert.equal(scaledQuantity(value, scale), expected, `${String(value)} at 10^${scale}`);
	assert.equal(schedulerAmount('cpu', '3900m'), 3900);
	assert.equal(schedulerAmount('memory', '1Gi'), 2 ** 30);
	assert.equal(schedulerAmount('nvidia.com/gpu', '4'), 4);
	assert.equal(schedulerAmount('cpu', 'lots'), 0);
});

type Resources = {requests?: Record<string, string>; limits?: Record<string, string>};
const c = (resources: Resources, restartPolicy?: string) => ({name: 'c', image: 'i', resources, ...(restartPolicy ? {restartPolicy} : {})});
const pod = (spec: Record<string, unknown>): KubeObject => ({metadata: {name: 'p', uid: 'u'}, spec});

test('pod requests: app containers and sidecars add up, init containers take the peak', () => {
	const cases: Array<{name: string; spec: Record<string, unknown>; expected: Record<string, number>}> = [
		{name: 'nothing requested', spec: {containers: [c({})]}, expected: {}},
		{name: 'app containers sum', spec: {containers: [c({requests: {cpu: '250m', memory: '64Mi'}}), c({requests: {cpu: '1'}})]}, expected: {cpu: 1250, memory: 64 * 2 ** 20}},
		{name: 'a limit without a request counts as the request', spec: {containers: [c({limits: {'nvidia.com/gpu': '2', cpu: '1'}, requests: {cpu: '500m'}})]}, expected: {'nvidia.com/gpu': 2, cpu: 500}},
		{name: 'a bigger init container sets the floor', spec: {containers: [c({requests: {cpu: '300m'}})], initContainers: [c({requests: {cpu: '2', memory: '1Gi'}})]}, expected: {cpu: 2000, memory: 2 ** 30}},
		{name: 'a smaller init container changes nothing', spec: {containers: [c({requests: {cpu: '1'}})], initContainers: [c({requests: {cpu: '100m'}})]}, expected: {cpu: 1000}},
		{
			name: 'sidecars add to the steady state and to later init containers',
			spec: {containers: [c({requests: {cpu: '200m'}})], initContainers: [c({requests: {cpu: '100m'}}, 'Always'), c({requests: {cpu: '1'}}), c({requests: {cpu: '50m'}}, 'Always')]},
			// steady 200 + 100 + 50 = 350; the middle init container needs 1000 + 100 = 1100
			expected: {cpu: 1100},
		},
		{name: 'pod-level requests replace cpu and memory only', spec: {resources: {requests: {cpu: '4', memory: '2Gi'}}, containers: [c({requests: {cpu: '1', 'nvidia.com/gpu': '1'}})]}, expected: {cpu: 4000, memory: 2 * 2 ** 30, 'nvidia.com/gpu': 1}},
		{name: 'overhead adds on top', spec: {overhead: {cpu: '250m', memory: '120Mi'}, containers: [c({requests: {cpu: '1'}})]}, expected: {cpu: 1250, memory: 120 * 2 ** 20}},
	];
	for (const k of cases) assert.deepEqual(podRequests(pod(k.spec)), k.expected, k.name);
});
