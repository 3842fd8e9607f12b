// The gpu: and prometheus: settings blocks: accepted forms, the message for each wrong one, the
// poller's resolved knobs, and a round trip through saveSettings.
import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadSettings, saveSettings, validateSettings} from '../../source/config/settings.js';
import {gpuTelemetryConfig, parseDurationSetting, parsePrometheusService} from '../../source/config/settings-telemetry.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-telemetry-settings-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

test('durations: Go-style text or a number of seconds', () => {
	const cases: Array<[unknown, number | undefined]> = [
		['15s', 15_000],
		['1m30s', 90_000],
		['500ms', 500],
		['2h', 7_200_000],
		[30, 30_000],
		[0.5, 500],
		['15', undefined],
		['fifteen seconds', undefined],
		['-5s', undefined],
		[-1, undefined],
		[true, undefined],
		['', undefined],
	];
	for (const [input, ms] of cases) assert.equal(parseDurationSetting(input), ms, JSON.stringify(input));
});

test('prometheus.service: namespace/name:port or a port name', () => {
	const cases: Array<[string, ReturnType<typeof parsePrometheusService>]> = [
		['monitoring/prometheus-k8s:9090', {namespace: 'monitoring', name: 'prometheus-k8s', port: '9090'}],
		['monitoring/prometheus:web', {namespace: 'monitoring', name: 'prometheus', port: 'web'}],
		['monitoring/prometheus', undefined],
		['prometheus:9090', undefined],
		['monitoring/prometheus:70000', undefined],
		['Monitoring/prometheus:9090', undefined],
		['monitoring/prometheus:9090/x', undefined],
	];
	for (const [input, parsed] of cases) assert.deepEqual(parsePrometheusService(input), parsed, input);
});

test('good telemetry settings are kept as written and resolve into the poller’s knobs', () => {
	const result = validateSettings({
		gpu: {exporterSelector: 'app.kubernetes.io/name = dcgm-exporter', exporterPort: 'metrics', scrapeInterval: '30s', maxConcurrentScrapes: 4, scrapeBudget: 5},
		prometheus: {service: 'monitoring/prometheus:9090'},
	});
	assert.ok(result.ok, result.ok ? '' : result.message);
	assert.deepEqual(result.settings.gpu, {exporterSelector: 'app.kubernetes.io/name=dcgm-exporter', exporterPort: 'metrics', scrapeInterval: '30s', maxConcurrentScrapes: 4, scrapeBudget: 5});
	assert.deepEqual(gpuTelemetryConfig(result.settings), {
		selector: 'app.kubernetes.io/name=dcgm-exporter',
		port: 'metrics',
		intervalMs: 30_000,
		budgetMs: 5000,
		concurrency: 4,
		prometheus: {service: {namespace: 'monitoring', name: 'prometheus', port: '9090'}},
	});
	const url = validateSettings({prometheus: {url: 'https://prom.example.com:9090/'}});
	assert.ok(url.ok);
	assert.deepEqual(gpuTelemetryConfig(url.settings), {prometheus: {url: 'https://prom.example.com:9090'}});
	const amd = validateSettings({gpu: {amdExporterSelector: 'app=amdgpu-metrics-exporter', amdExporterPort: 'metrics'}});
	assert.ok(amd.ok);
	assert.deepEqual(gpuTelemetryConfig(amd.settings), {amd: {selector: 'app=amdgpu-metrics-exporter', port: 'metrics'}});
	const off = validateSettings({gpu: {amdExporterSelector: false}});
	assert.ok(off.ok);
	assert.deepEqual(gpuTelemetryConfig(off.settings), {amd: false}, 'false: AMD exporters are not looked for');
	const none = validateSettings({});
	assert.ok(none.ok);
	assert.deepEqual(gpuTelemetryConfig(none.settings), {}, 'no settings: the poller keeps its defaults');
});

test('bad telemetry settings: every problem named with what is allowed', () => {
	const cases: Array<[unknown, RegExp]> = [
		[{gpu: 'app=x'}, /gpu must be a mapping/],
		[{gpu: {exporterSelector: 'app in (a'}}, /gpu\.exporterSelector must be a label selector/],
		[{gpu: {exporterSelector: ''}}, /gpu\.exporterSelector must be a label selector.*got ""/],
		[{gpu: {exporterPort: 0}}, /gpu\.exporterPort must be a port number from 1 to 65535 or a port name/],
		[{gpu: {exporterPort: 'Metrics_Port'}}, /gpu\.exporterPort must be/],
		[{gpu: {amdExporterSelector: 'app in (a'}}, /gpu\.amdExporterSelector must be a label selector such as "app\.kubernetes\.io\/name=metrics-exporter" \(or false to not look for AMD exporters\)/],
		[{gpu: {amdExporterSelector: true}}, /gpu\.amdExporterSelector must be a label selector.*got true/],
		[{gpu: {amdExporterPort: 70000}}, /gpu\.amdExporterPort must be a port number from 1 to 65535/],
		[{gpu: {scrapeInterval: '15'}}, /gpu\.scrapeInterval must be a duration from 1s to 60m/],
		[{gpu: {scrapeInterval: '2h'}}, /gpu\.scrapeInterval must be a duration/],
		[{gpu: {scrapeBudget: '50ms'}}, /gpu\.scrapeBudget must be a duration from 0\.1s/],
		[{gpu: {maxConcurrentScrapes: 0}}, /gpu\.maxConcurrentScrapes must be a whole number from 1 to 256/],
		[{gpu: {maxConcurrentScrapes: 2.5}}, /gpu\.maxConcurrentScrapes must be a whole number/],
		[{gpu: {scrapeIntervall: '15s'}}, /unknown setting "gpu\.scrapeIntervall" \(known: gpu\.exporterSelector/],
		[{prometheus: 'http://p:9090'}, /prometheus must be a mapping/],
		[{prometheus: {url: 'prometheus:9090'}}, /prometheus\.url must be an http\(s\) URL/],
		[{prometheus: {url: 'http://p:9090/?x=1'}}, /prometheus\.url must be an http\(s\) URL without query/],
		[{prometheus: {service: 'prometheus'}}, /prometheus\.service must be namespace\/name:port/],
		[{prometheus: {url: 'http://p:9090', service: 'monitoring/prometheus:9090'}}, /set one/],
		[{prometheus: {address: 'x'}}, /unknown setting "prometheus\.address"/],
	];
	for (const [input, pattern] of cases) {
		const result = validateSettings(input, 'cfg.yaml');
		assert.equal(result.ok, false, JSON.stringify(input));
		if (!result.ok) assert.match(result.message, pattern, JSON.stringify(input));
	}
	const two = validateSettings({gpu: {exporterPort: -1, maxConcurrentScrapes: 'many'}});
	assert.ok(!two.ok && /exporterPort/.test(two.message) && /maxConcurrentScrapes/.test(two.message), 'both problems listed at once');
});

test('saving settings writes the telemetry blocks back as the user wrote them', () => {
	const file = path.join(dir, 'config.yaml');
	fs.writeFileSync(file, 'gpu:\n  scrapeInterval: 30s\n  exporterPort: 9500\nprometheus:\n  url: http://prom:9090\n');
	const loaded = loadSettings(file);
	assert.ok(loaded.ok, loaded.ok ? '' : loaded.message);
	assert.deepEqual(saveSettings(file, loaded.settings), {ok: true});
	const again = loadSettings(file);
	assert.ok(again.ok);
	assert.deepEqual(again.settings.gpu, {scrapeInterval: '30s', exporterPort: 9500});
	assert.deepEqual(again.settings.prometheus, {url: 'http://prom:9090'});
});
