// Effective pod requests as the scheduler counts them (component-helpers PodRequests).
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {containerRequests, effectivePodRequests} from '../../source/model/requests.js';
import {isAcceleratorResource, acceleratorVendorOf, migProfileOf} from '../../source/model/gpu-resources.js';
import {podObject, type PodSpec} from './gpu-fixtures.js';

const Gi = 2 ** 30;
const Mi = 2 ** 20;

describe('effectivePodRequests', () => {
	const cases: Array<{name: string; pod: Omit<PodSpec, 'name'>; want: Record<string, number>}> = [
		{name: 'no resources at all', pod: {containers: [{}]}, want: {}},
		{name: 'one container', pod: {containers: [{requests: {cpu: '500m', memory: '1Gi'}}]}, want: {cpu: 0.5, memory: Gi}},
		{
			name: 'app containers add up',
			pod: {containers: [{requests: {cpu: '1', 'nvidia.com/gpu': 1}}, {requests: {cpu: '250m', 'nvidia.com/gpu': '2'}}]},
			want: {cpu: 1.25, 'nvidia.com/gpu': 3},
		},
		{name: 'limit without request counts the limit', pod: {containers: [{limits: {'nvidia.com/gpu': 2, memory: '512Mi'}}]}, want: {'nvidia.com/gpu': 2, memory: 512 * Mi}},
		{name: 'request wins over a larger limit', pod: {containers: [{requests: {cpu: '1'}, limits: {cpu: '4'}}]}, want: {cpu: 1}},
		{name: 'limit fills only the resources without a request', pod: {containers: [{requests: {cpu: '1'}, limits: {cpu: '2', 'amd.com/gpu': 1}}]}, want: {cpu: 1, 'amd.com/gpu': 1}},
		{
			name: 'a larger init container sets the peak',
			pod: {initContainers: [{requests: {cpu: '4', 'nvidia.com/gpu': 2}}], containers: [{requests: {cpu: '1', 'nvidia.com/gpu': 1}}]},
			want: {cpu: 4, 'nvidia.com/gpu': 2},
		},
		{
			name: 'init containers take the max, not the sum',
			pod: {initContainers: [{requests: {cpu: '2'}}, {requests: {cpu: '3'}}], containers: [{requests: {cpu: '1'}}]},
			want: {cpu: 3},
		},
		{
			name: 'a smaller init container changes nothing',
			pod: {initContainers: [{requests: {'nvidia.com/gpu': 1}}], containers: [{requests: {'nvidia.com/gpu': 4}}]},
			want: {'nvidia.com/gpu': 4},
		},
		{
			name: 'a sidecar adds to the app containers',
			pod: {initContainers: [{restartPolicy: 'Always', requests: {cpu: '500m', 'nvidia.com/gpu': 1}}], containers: [{requests: {cpu: '1', 'nvidia.com/gpu': 2}}]},
			want: {cpu: 1.5, 'nvidia.com/gpu': 3},
		},
		{
			name: 'a regular init after a sidecar runs beside it',
			pod: {
				initContainers: [{restartPolicy: 'Always', requests: {'nvidia.com/gpu': 1}}, {requests: {'nvidia.com/gpu': 4}}],
				containers: [{requests: {'nvidia.com/gpu': 1}}],
			},
			want: {'nvidia.com/gpu': 5},
		},
		{
			name: 'a regular init before a sidecar does not',
			pod: {
				initContainers: [{requests: {'nvidia.com/gpu': 4}}, {restartPolicy: 'Always', requests: {'nvidia.com/gpu': 1}}],
				containers: [{requests: {'nvidia.com/gpu': 1}}],
			},
			want: {'nvidia.com/gpu': 4},
		},
		{
			name: 'overhead is added on top',
			pod: {containers: [{requests: {cpu: '1', memory: '1Gi'}}], overhead: {cpu: '250m', memory: '160Mi'}},
			want: {cpu: 1.25, memory: Gi + 160 * Mi},
		},
		{
			name: 'overhead adds to an init peak too',
			pod: {initContainers: [{requests: {cpu: '2'}}], containers: [{requests: {cpu: '1'}}], overhead: {cpu: '100m'}},
			want: {cpu: 2.1},
		},
		{name: 'decimal sums stay tidy', pod: {containers: [{requests: {cpu: '100m'}}, {requests: {cpu: '200m'}}]}, want: {cpu: 0.3}},
		{
			name: 'pod-level resources override cpu and memory, never accelerators',
			pod: {podResources: {requests: {cpu: '8', memory: '64Gi'}}, containers: [{requests: {cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 2}}]},
			want: {cpu: 8, memory: 64 * Gi, 'nvidia.com/gpu': 2},
		},
		{
			name: 'MIG slices are separate resources',
			pod: {containers: [{limits: {'nvidia.com/mig-1g.10gb': 1}}, {limits: {'nvidia.com/mig-3g.40gb': 1}}]},
			want: {'nvidia.com/mig-1g.10gb': 1, 'nvidia.com/mig-3g.40gb': 1},
		},
	];
	for (const c of cases) {
		it(c.name, () => {
			assert.deepEqual(effectivePodRequests(podObject({name: 'p', ...c.pod})), c.want);
		});
	}

	it('ignores malformed resources instead of inventing names', () => {
		const pod = {metadata: {name: 'x', uid: 'u'}, spec: {containers: [{name: 'c', resources: {limits: 'oops', requests: {cpu: 'bad', memory: '1Gi'}}}]}};
		assert.deepEqual(effectivePodRequests(pod), {cpu: 0, memory: Gi});
	});

	it('copes with a pod without spec', () => {
		assert.deepEqual(effectivePodRequests({metadata: {name: 'x', uid: 'u'}}), {});
	});

	it('containerRequests parses numbers and strings alike', () => {
		assert.deepEqual(containerRequests({resources: {limits: {'nvidia.com/gpu': '1'}, requests: {cpu: 2}}}), {'nvidia.com/gpu': 1, cpu: 2});
	});
});

describe('isAcceleratorResource', () => {
	const table: Array<[string, boolean, string[]?]> = [
		['nvidia.com/gpu', true],
		['nvidia.com/gpu.shared', true],
		['nvidia.com/mig-1g.10gb', true],
		['nvidia.com/mig-3g.40gb', true],
		['nvidia.com/mig-', false],
		['amd.com/gpu', true],
		['gpu.intel.com/i915', true],
		['gpu.intel.com/xe', true],
		['habana.ai/gaudi', true],
		['aws.amazon.com/neuron', true],
		['aws.amazon.com/neuroncore', true],
		['google.com/tpu', true],
		['cpu', false],
		['memory', false],
		['nvidia.com/gpu.product', false],
		['example.com/fpga', false],
		['example.com/fpga', true, ['example.com/fpga']],
	];
	for (const [name, want, extra] of table) {
		it(`${name}${extra ? ' (configured)' : ''} → ${want}`, () => assert.equal(isAcceleratorResource(name, extra), want));
	}

	it('knows vendors and MIG profiles', () => {
		assert.equal(acceleratorVendorOf('nvidia.com/mig-2g.20gb'), 'NVIDIA');
		assert.equal(acceleratorVendorOf('aws.amazon.com/neuroncore'), 'AWS');
		assert.equal(acceleratorVendorOf('example.com/fpga'), 'Other');
		assert.equal(migProfileOf('nvidia.com/mig-2g.20gb'), '2g.20gb');
		assert.equal(migProfileOf('nvidia.com/gpu'), undefined);
	});
});
