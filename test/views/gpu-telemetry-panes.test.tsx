// The DCGM telemetry panes inside the real App shell at 80 and 120 columns: :gpudevices (per GPU
// and MIG instance, with HEALTH and the sparkline line under the table), :gpuidle (honest about
// the window) and the HEALTH flag on :gpu — fed by a fake session's stores and telemetry.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {projectNode} from '../../source/model/nodes.js';
import type {KubeObject} from '../../source/model/types.js';
import type {GpuIdleSettings, GpuTelemetrySource} from '../../source/store/gpuTelemetryStores.js';
import {FakeSession, NOW, defaultKeymap, driven, renderProbe} from './fakes.js';
import {FakeTelemetry, MIN, telemetryRow} from '../unit/gpu-telemetry-fakes.js';
import {h100Labels} from '../unit/gpu-fixtures.js';

class TelemetrySession extends FakeSession {
	readonly telemetry = new FakeTelemetry();
	gpuTelemetry(): GpuTelemetrySource {
		return this.telemetry;
	}
}

function nodeObject(name: string, labels: Record<string, string>, resources: Record<string, string>): KubeObject {
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {name, uid: `node-${name}`, labels, creationTimestamp: new Date(NOW - 86_400_000).toISOString()},
		status: {capacity: resources, allocatable: resources, conditions: [{type: 'Ready', status: 'True'}]},
	};
}

/** Twelve minutes of scrapes up to NOW: a busy trainer, a GPU with XID 79, a throttled one, an idle MIG notebook. */
function session(): TelemetrySession {
	const s = new TelemetrySession(undefined);
	s.setRows('nodes', [
		nodeObject('gpu-h100-1', h100Labels, {'nvidia.com/gpu': '8'}),
		nodeObject('gpu-a100-mig', {'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/mig.strategy': 'mixed'}, {'nvidia.com/mig-2g.20gb': '3'}),
	].map((o) => ({...projectNode(o), gpuAllocated: {}, gpuPods: 0})));
	s.setRows('pods', []);
	s.telemetry.feed((t) => [
		...Array.from({length: 8}, (_, i) =>
			telemetryRow(`gpu-h100-1/${i}`, i === 0 ? 60 + ((t / 15_000) % 4) * 10 : 0, i === 0 ? 'train-0' : undefined, {
				fbUsedMiB: i === 0 ? 40_000 : 10,
				fbTotalMiB: 81_559,
				tempC: i === 7 ? 90 : 40,
				powerW: 300,
				xid: i === 3 ? 79 : 0,
				remapPending: 0,
				throttle: i === 7 ? ['hw-thermal'] : [],
			})),
		telemetryRow('gpu-a100-mig/0/1', 0.3, 'mig-notebook-alice', {mig: {profile: '2g.20gb', id: '1'}, model: 'NVIDIA A100-SXM4-80GB', fbUsedMiB: 800, fbTotalMiB: 19_968}),
	], 12, NOW - 12 * MIN);
	return s;
}

function start(s: TelemetrySession, initialView: 'gpu' | 'gpudevices' | 'gpuidle', columns: number, idle?: GpuIdleSettings) {
	const probe = renderProbe();
	const instance = render(
		<App session={s} keymap={defaultKeymap()} settings={{}} readonly={false} panes={defaultPanes(undefined, idle)} initialView={initialView} size={{columns, rows: 24}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} probe={probe} />,
	);
	const app = driven(instance, probe);
	const line = (needle: string) => app.frame().split('\n').find((l) => l.includes(needle)) ?? '';
	return {...app, line};
}

test(':gpudevices at 120 columns: every field, MIG instances as their own rows, the sparkline of the selected GPU under the table', async (t) => {
	const app = start(session(), 'gpudevices', 120);
	t.after(() => app.unmount());
	await app.settle();
	assert.match(app.frame(), /8 GPUs · 1 MIG instances │ 2 unhealthy │ sampled 0s ago/);
	assert.match(app.line('NODE'), /NODE\s+GPU\s+UTIL\s+HEALTH\s+FB\s+POD\s+TEMP\s+POWER\s+XID\s+REMAP\s+THROTTLE$/);
	assert.match(app.frame(), /gpu-h100-1\s+0\s+\d+%\s+ok\s+39\.1\/79\.6Gi\s+ml\/train-0\s+40C\s+300W\s+0\s+-\/0\s+-/);
	assert.match(app.frame(), /gpu-h100-1\s+3\s+0%\s+XID 79\s+0\.0\/79\.6Gi\s+-\s+40C\s+300W\s+79\s+-\/0\s+-/);
	assert.match(app.frame(), /gpu-h100-1\s+7\s+0%\s+hw-thermal\s+.*90C .*hw-thermal/);
	assert.match(app.line('0 2g.20gb#1'), /gpu-a100-mig\s+0 2g\.20gb#1\s+0%\s+ok\s+0\.8\/19\.5Gi\s+ml\/mig-notebook-alice\s+-\s+-\s+-\s+-/);
	// The first row is selected: the trainer's GPU 0, its last samples as blocks.
	assert.match(app.frame(), /gpu-a100-mig GPU 0 2g\.20gb#1 util, last ~6m: ▁{24} 0% now/);
	await app.press('j');
	assert.match(await app.frameMatching(/gpu-h100-1 GPU 0 util/), /gpu-h100-1 GPU 0 util, last ~6m: [▁-█]{24} \d+% now/);
	assert.doesNotMatch(app.line('gpu-h100-1 GPU 0 util'), /\x1b/, 'no colour needed');
	await app.press('j', 'j', 'j');
	assert.match(await app.frameMatching(/gpu-h100-1 GPU 3 util/), /gpu-h100-1 GPU 3 util, last ~6m: ▁{24} 0% now │ XID 79 \(fallen off the bus\)/, 'the reason in full under the table');
	await app.press('\u0017'); // ctrl-w
	assert.match(await app.frameMatching(/MODEL/), /THROTTLE\s+MODEL\s+HISTORY/, 'wide: the model and a sparkline per row');
});

test(':gpudevices at 80 columns: NODE, GPU, UTIL and HEALTH stay; the detail columns go first', async (t) => {
	const app = start(session(), 'gpudevices', 80);
	t.after(() => app.unmount());
	await app.settle();
	const header = app.line('NODE');
	for (const kept of ['NODE', 'GPU', 'UTIL', 'HEALTH']) assert.match(header, new RegExp(`\\b${kept}\\b`), kept);
	for (const dropped of ['MODEL', 'THROTTLE', 'REMAP']) assert.ok(!header.includes(dropped), `${dropped} drops at 80 columns`);
	assert.match(app.frame(), /gpu-h100…\s+3\s+0%\s+XID 79/);
	for (const line of app.frame().split('\n')) assert.ok([...line].length <= 80, line);
});

test(':gpuidle at 80 columns on a fresh start: the idle notebook as "idle so far" with the minutes observed', async (t) => {
	const app = start(session(), 'gpuidle', 80);
	t.after(() => app.unmount());
	await app.settle();
	assert.match(app.frame(), /1 pod idle so far: below 5% for all 12m observed of the 30m window/);
	assert.match(app.line('mig-notebook'), /idle so far: 12m of 30m observed/);
	assert.doesNotMatch(app.frame(), /train-0/, 'the busy trainer is not idle');
	assert.match(app.frame(), /mig-notebook-alice util, last ~6m: ▁{24} 0% now │ Pod\/mig-no…/, 'the line is cut, never wrapped');
});

test(':gpuidle at 120 columns with a short window and a price: a finding, with GPU-hours and cost', async (t) => {
	const app = start(session(), 'gpuidle', 120, {thresholdPct: 5, windowMs: 10 * MIN, pricePerHour: {'NVIDIA A100-SXM4-80GB': 7}});
	t.after(() => app.unmount());
	await app.settle();
	assert.match(app.frame(), /1 pod idle \(below 5% for 10m\) in 1 workload: 0\.06 GPU-h · \$0\.40/);
	assert.match(app.line('mig-notebook'), /ml\s+mig-notebook-alice\s+0\/2g\.20gb#1\s+idle 12m\s+0\.06\s+\$0\.40\s+Pod\/mig-notebook-alice\s+gpu-a100-mig/);
	assert.match(app.frame(), /│ Pod\/mig-notebook-alice: 0\.06 GPU-h idle · \$0\.40/, 'the workload\'s total under the table');
});

test(':gpu at 80 columns: HEALTH flags the XID and the throttled GPU in a few words; the selected node in full under the table', async (t) => {
	const app = start(session(), 'gpu', 80);
	t.after(() => app.unmount());
	await app.settle();
	assert.match(app.line('NODE'), /STATUS\s+HEALTH/);
	// NODE gives way before HEALTH and ACCELERATOR do.
	assert.match(app.line('gpu-h10'), /Ready\s+GPU3 XID 79, GPU7/);
	assert.match(app.line('gpu-a10'), /Ready\s+ok/);
	assert.match(app.frame(), /GPUs: 1 node unhealthy, 0s ago/);
	await app.press('j');
	assert.match(await app.frameMatching(/gpu-h100-1: GPU 3/), /gpu-h100-1: GPU 3: XID 79 \(fallen off the bus\); GPU 7: throttled: hw-thermal/);
});
