// The header's watch labels: each state in words, with the age of the rows.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {WatchStatus} from '../../source/kube/session.js';
import {clockTime, watchLabel} from '../../views/Header.js';

const NOW = Date.parse('2026-12-04T14:03:30Z');

test('watchLabel: state words, countdown, stall time and data age', () => {
	const cases: Array<[WatchStatus, string]> = [
		[{state: 'connecting', since: NOW}, 'pods connecting'],
		[{state: 'listing', since: NOW}, 'pods listing'],
		// Live: the stream keeps the rows current, so no age (and no redraw each second) until a quiet minute.
		[{state: 'live', since: NOW - 60_000, dataAt: NOW - 2_000}, 'pods live'],
		[{state: 'live', since: NOW - 600_000, dataAt: NOW - 59_999}, 'pods live'],
		[{state: 'live', since: NOW - 600_000, dataAt: NOW - 60_000}, 'pods live (data 1m old)'],
		[{state: 'live', since: NOW - 600_000, dataAt: NOW - 119_000}, 'pods live (data 1m old)'],
		[{state: 'relisting', since: NOW, dataAt: NOW - 4_000}, 'pods relisting (data 4s old)'],
		[{state: 'stalled', since: NOW - 23_000, dataAt: NOW - 21_000}, `pods stalled since ${clockTime(NOW - 23_000)} (data 21s old)`],
		// Any other state keeps its age, so a stream that stopped never reads as current: whole seconds, then minutes.
		[{state: 'reconnecting', since: NOW, retryAt: NOW + 3_200, dataAt: NOW - 62_000}, 'pods reconnecting in 4s (data 1m old)'],
		[{state: 'stalled', since: NOW - 23_000, dataAt: NOW - 59_900}, `pods stalled since ${clockTime(NOW - 23_000)} (data 59s old)`],
		[{state: 'stalled', since: NOW - 23_000, dataAt: NOW - 3_599_000}, `pods stalled since ${clockTime(NOW - 23_000)} (data 59m old)`],
		[{state: 'stalled', since: NOW - 23_000, dataAt: NOW - 3_600_000 * 5 - 120_000}, `pods stalled since ${clockTime(NOW - 23_000)} (data 5h2m old)`],
		[{state: 'reconnecting', since: NOW, retryAt: NOW - 10}, 'pods reconnecting in 0s'],
		[{state: 'forbidden', since: NOW, message: 'forbidden: …', retryAt: NOW + 60_000}, 'pods forbidden'],
		[{state: 'error', since: NOW, message: 'unauthorized', dataAt: NOW - 130_000}, 'pods error (data 2m old)'],
		[{state: 'live', since: NOW, dataAt: NOW + 500}, 'pods live'],
		[{state: 'relisting', since: NOW, dataAt: NOW + 500}, 'pods relisting (data 0s old)'],
	];
	for (const [status, want] of cases) assert.equal(watchLabel({kind: 'pods', status}, NOW), want);
});

test('the metrics badge: no age while the sample is fresh, its age once a minute old; without the API, the header says why on its own line', async () => {
	const {render} = await import('ink-testing-library');
	const React = await import('react');
	const {Header} = await import('../../views/Header.js');
	const {usageStatus} = await import('../../source/kube/metrics.js');
	const info = {context: 'c', cluster: 'k', user: 'u', server: 'https://x'};
	const live = usageStatus({byKey: new Map(), sampledAt: NOW - 12_000, version: 2}, NOW - 60_000);
	assert.equal(watchLabel({kind: 'metrics', status: live}, NOW), 'metrics live');
	assert.equal(watchLabel({kind: 'metrics', status: live}, NOW + 48_000), 'metrics live (data 1m old)');
	const absent = usageStatus({byKey: new Map(), unavailable: 'metrics.k8s.io is not served (no metrics-server): CPU/MEM columns read n/a', version: 1}, NOW);
	const pods: WatchStatus = {state: 'live', since: NOW, dataAt: NOW};
	const {lastFrame, unmount} = render(React.createElement(Header, {info, namespace: 'default', readonly: false, watches: [{kind: 'pods', status: pods}, {kind: 'metrics', status: absent}], width: 120, now: NOW}));
	const frame = lastFrame() ?? '';
	assert.match(frame, /pods live · metrics error/);
	assert.match(frame, /metrics: metrics\.k8s\.io is not served \(no metrics-server\): CPU\/MEM columns read n\/a/);
	unmount();
});
