// DCGM series from Prometheus → the exporter's families: holders from exported_* when Prometheus
// relabelled (honor_labels off), from pod/namespace/container when it kept the exporter's labels.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {dcgmSelector, familiesFromSamples} from '../../source/model/dcgm-prometheus.js';
import {gpuTelemetryRows} from '../../source/model/dcgm.js';

const gpu = {gpu: '0', UUID: 'GPU-1', modelName: 'NVIDIA H100', Hostname: 'n1'};

test('one selector for every metric the rows use', () => {
	assert.equal(dcgmSelector(['A', 'B']), '{__name__=~"A|B"}');
	assert.match(dcgmSelector(), /^\{__name__=~"DCGM_FI_DEV_GPU_UTIL\|.*DCGM_FI_DEV_XID_ERRORS/);
});

const cases: Array<{name: string; samples: Array<Record<string, string>>; holders: Array<[string, string, string]>}> = [
	{
		name: 'relabelled: the exporter pod is the target, the holder is exported_*',
		samples: [{__name__: 'DCGM_FI_DEV_GPU_UTIL', ...gpu, namespace: 'gpu-operator', pod: 'dcgm-x', container: 'exporter', exported_namespace: 'ml', exported_pod: 'train-0', exported_container: 'main'}],
		holders: [['ml', 'train-0', 'main']],
	},
	{
		name: 'relabelled, a GPU nobody holds: not held by its exporter',
		samples: [
			{__name__: 'DCGM_FI_DEV_GPU_UTIL', ...gpu, namespace: 'gpu-operator', pod: 'dcgm-x', container: 'exporter', exported_namespace: 'ml', exported_pod: 'train-0', exported_container: 'main'},
			{__name__: 'DCGM_FI_DEV_GPU_UTIL', ...gpu, gpu: '1', namespace: 'gpu-operator', pod: 'dcgm-x', container: 'exporter'},
		],
		holders: [['ml', 'train-0', 'main']],
	},
	{name: 'honor_labels: pod and namespace are the holder', samples: [{__name__: 'DCGM_FI_DEV_GPU_UTIL', ...gpu, namespace: 'ml', pod: 'train-0', container: 'main'}], holders: [['ml', 'train-0', 'main']]},
	{name: 'no Hostname: the node label', samples: [{__name__: 'DCGM_FI_DEV_GPU_UTIL', gpu: '0', node: 'n9'}], holders: []},
];

for (const c of cases) {
	test(`Prometheus series → rows: ${c.name}`, () => {
		const rows = gpuTelemetryRows(familiesFromSamples(c.samples.map((metric) => ({metric, value: '42'}))));
		assert.deepEqual(rows.flatMap((r) => r.holders.map((h) => [h.namespace, h.pod, h.container])), c.holders);
		assert.equal(rows[0]!.util, 42);
		if (c.name.startsWith('no Hostname')) assert.equal(rows[0]!.node, 'n9');
	});
}
