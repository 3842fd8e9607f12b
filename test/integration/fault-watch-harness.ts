// Shared by the fault-watch tests: a simulated cluster with fast bookmarks, one session on one
// namespace, its watch-fault switches, and ways to compare the store with a fresh list.
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {render} from 'ink-testing-library';
import React from 'react';
import {openSession, watchStats, type Session, type WatchState, type WatchStats, type WatchTuning} from '../../source/kube/session.js';
import {startSim, type Sim} from '../../source/sim/index.js';
import {watchFaultsOf, type WatchFaults} from '../../source/sim/server/watchFaults.js';
import type {KubeObject} from '../../source/model/types.js';
import {Header} from '../../views/Header.js';
import {waitFor} from './sim-helpers.js';

export const NS = 'shop';

/** Bookmarks every 250 ms; a stream is stalled after 2 s of silence; watches end after about 1 s. */
export const fastTuning: Partial<WatchTuning> = {pageSize: 4, bookmarkIntervalMs: 1000, backoffInitialMs: 100, backoffMaxMs: 800, deniedRetryMs: 500};

export interface FaultHarness {
	sim: Sim;
	faults: WatchFaults;
	session: Session;
	/** Every state the pods watch went through, in order (from the moment the session opened). */
	states: WatchState[];
	stats(): Readonly<WatchStats>;
	pod(name: string, namespace?: string): void;
}

export function podObject(name: string, namespace = NS): KubeObject {
	return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace, uid: ''}, spec: {containers: [{name: 'app', image: 'registry.example/app:1'}]}};
}

// Polling with a deadline is the project's one waitFor (sim-helpers); re-exported for the fault-watch tests.
export {waitFor};

/** A simulator with `pods` in namespace shop and a session watching them, live; torn down after `run`. */
export async function withFaultySim(
	options: {pods: string[]; simBookmarkMs?: number; tuning?: Partial<WatchTuning>},
	run: (h: FaultHarness) => Promise<void>,
): Promise<void> {
	const sim = await startSim({scenario: 'empty', speed: 100, seed: 1, bookmarkIntervalMs: options.simBookmarkMs ?? 250});
	let session: Session | undefined;
	try {
		sim.store.create('namespaces', {metadata: {name: NS, uid: ''}});
		for (const name of options.pods) sim.store.create('pods', podObject(name));
		const kubeConfig = new KubeConfig();
		kubeConfig.loadFromFile(sim.kubeconfigPath);
		session = await openSession(kubeConfig, {namespace: NS, frameMs: 5, tuning: options.tuning ?? fastTuning});
		const s = session;
		const states: WatchState[] = [];
		s.onStatus(() => {
			const state = s.status('pods').state;
			if (states.at(-1) !== state) states.push(state);
		});
		const pods = s.store('pods');
		await waitFor('the pods watch live with every pod', () => s.status('pods').state === 'live' && pods.snapshot().rows.length === options.pods.length);
		await run({
			sim,
			faults: watchFaultsOf(sim.store),
			session: s,
			states,
			stats: () => watchStats(s, 'pods')!,
			pod: (name, namespace = NS) => void sim.store.create('pods', podObject(name, namespace)),
		});
	} finally {
		await session?.close();
		await sim.close();
	}
}

/** The store's rows, as "name uid", sorted. */
export function rowsOf(session: Session): string[] {
	return session.store('pods').snapshot().rows.map((r) => `${r.name} ${r.uid}`).sort();
}

/** What a fresh list from the server holds right now, in the same form. */
export function serverRows(sim: Sim, namespace = NS): string[] {
	return sim.store.list('pods', namespace).map((p) => `${p.metadata.name} ${p.metadata.uid}`).sort();
}

/** The store equals a fresh list: no duplicate, missing or stale row. */
export async function convergesToServer(h: {sim: Sim; session: Session}, timeoutMs = 10_000): Promise<void> {
	await waitFor('the store to equal a fresh list', () => rowsOf(h.session).join('\n') === serverRows(h.sim).join('\n'), timeoutMs);
	const uids = h.session.store('pods').snapshot().rows.map((r) => r.uid);
	assert.equal(new Set(uids).size, uids.length, 'no duplicate rows');
}

/** The watch line of the header as drawn for the pods watch at `now`. */
export function headerLine(session: Session, now = Date.now()): string {
	const {lastFrame, unmount} = render(
		React.createElement(Header, {info: session.info, namespace: NS, readonly: false, width: 200, now, watches: [{kind: 'pods', status: session.status('pods')}]}),
	);
	const frame = lastFrame() ?? '';
	unmount();
	return frame.split('\n').find((line) => line.startsWith('watch ')) ?? frame;
}
