// Prints what React's development build costs per frame: the pod table (40 rows of 50k) re-rendered
// with the cursor moving, CPU time per frame, in child processes that alternate NODE_ENV unset (Node's
// default, which gets React's development build) and NODE_ENV=production. CPU time, not wall time,
// so other work on a shared machine weighs less; the median over the rounds is printed.
//
//   node --import tsx bench/react-build.tsx [--rounds 5] [--frames 200]
import {execFileSync} from 'node:child_process';
import {loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const {values} = parseArgs({options: {rounds: {type: 'string', default: '5'}, frames: {type: 'string', default: '200'}, child: {type: 'boolean', default: false}}});
const frames = Number(values.frames);

if (values.child) {
	const React = (await import('react')).default;
	const {render} = await import('ink-testing-library');
	const {ResourceTable} = await import('../views/ResourceTable.js');
	const {podColumns} = await import('../source/model/pods.js');
	type PodRow = import('../source/model/pods.js').PodRow;
	const now = Date.UTC(2026, 11, 5);
	const rows = Array.from({length: 50_000}, (_, i) => ({kind: 'Pod', uid: `uid-${i}`, name: `worker-${i}-abcde`, namespace: `ns-${i % 50}`, createdAt: now - i * 1000, severity: 'ok', phase: 'Running', ready: '1/1', status: 'Running', restarts: i % 5, ip: `10.0.${(i >> 8) & 255}.${i & 255}`, node: `node-${i % 300}`, qos: 'Burstable', requests: {}, accelerators: {}, owners: [], containers: ['app'], deleting: false}) as unknown as PodRow);
	const element = (selected: number) => React.createElement(ResourceTable, {rows, columns: podColumns, selectedIndex: selected, height: 40, width: 200, wide: false, allNamespaces: true, now, title: 'pods', scope: 'all'});
	const app = render(element(0));
	for (let i = 1; i <= 20; i++) app.rerender(element(i)); // warm-up: JIT
	const cpu = process.cpuUsage();
	for (let i = 1; i <= frames; i++) app.rerender(element((i * 7) % 2_000));
	const used = process.cpuUsage(cpu);
	app.unmount();
	process.stdout.write(String((used.user + used.system) / 1000 / frames));
} else {
	const self = fileURLToPath(import.meta.url);
	const run = (nodeEnv: string | undefined) => {
		const env = {...process.env};
		delete env['NODE_ENV'];
		if (nodeEnv) env['NODE_ENV'] = nodeEnv;
		return Number(execFileSync(process.execPath, ['--import', 'tsx', self, '--child', '--frames', String(frames)], {env, encoding: 'utf8'}));
	};
	const dev: number[] = [];
	const prod: number[] = [];
	console.log(`pod table frame (40 of 50k rows), CPU ms per frame over ${frames} frames; load ${loadavg()[0]!.toFixed(2)}; Node ${process.version}`);
	for (let r = 0; r < Number(values.rounds); r++) {
		dev.push(run(undefined));
		prod.push(run('production'));
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	const show = (xs: number[]) => `${median(xs).toFixed(2)} ms (all: ${xs.map((x) => x.toFixed(2)).join(', ')})`;
	console.log(`NODE_ENV unset (development React): ${show(dev)}`);
	console.log(`NODE_ENV=production:                ${show(prod)}`);
	console.log(`load after: ${loadavg()[0]!.toFixed(2)}`);
}
