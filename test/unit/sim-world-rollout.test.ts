import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {recreateStep, resolveIntOrPercent, rollingUpdateStep, rolloutBounds, type ReplicaSetState} from '../../source/sim/world/rollout.js';
import {podTemplateHash} from '../../source/sim/world/deployment.js';
import {deletionOrder} from '../../source/sim/world/replicaset.js';
import type {PodInfo} from '../../source/sim/world/cache.js';

describe('resolveIntOrPercent and rolloutBounds', () => {
	const cases: Array<[string, number, {maxSurge?: number | string; maxUnavailable?: number | string} | undefined, number, number]> = [
		['defaults on 4', 4, undefined, 1, 1],
		['defaults on 10: surge rounds up, unavailable down', 10, undefined, 3, 2],
		['defaults on 1', 1, undefined, 1, 0],
		['both zero becomes one unavailable', 5, {maxSurge: 0, maxUnavailable: 0}, 0, 1],
		['integers', 6, {maxSurge: 2, maxUnavailable: 1}, 2, 1],
		['percent strings', 3, {maxSurge: '50%', maxUnavailable: '50%'}, 2, 1],
		['100% unavailable', 3, {maxSurge: 0, maxUnavailable: '100%'}, 0, 3],
		['unavailable clamped to desired', 2, {maxUnavailable: 5}, 1, 2],
	];
	for (const [name, desired, rollingUpdate, surge, unavailable] of cases) {
		test(name, () => assert.deepEqual(rolloutBounds(desired, rollingUpdate), {maxSurge: surge, maxUnavailable: unavailable}));
	}
	test('a bare number string is taken as an integer', () => assert.equal(resolveIntOrPercent('2', '25%', 10, true), 2));
});

describe('rollingUpdateStep: one decision per sync', () => {
	const cases: Array<{name: string; desired: number; bounds: {maxSurge: number; maxUnavailable: number}; current: ReplicaSetState; olds: ReplicaSetState[]; expected: {newReplicas: number; oldReplicas: number[]; changed: boolean}}> = [
		{name: 'surge first', desired: 4, bounds: {maxSurge: 1, maxUnavailable: 1}, current: {replicas: 0, available: 0}, olds: [{replicas: 4, available: 4}], expected: {newReplicas: 1, oldReplicas: [4], changed: true}},
		{name: 'at max total, scale old down within availability', desired: 4, bounds: {maxSurge: 1, maxUnavailable: 1}, current: {replicas: 1, available: 0}, olds: [{replicas: 4, available: 4}], expected: {newReplicas: 1, oldReplicas: [3], changed: true}},
		{name: 'new pods crashing: the rollout stalls', desired: 4, bounds: {maxSurge: 1, maxUnavailable: 1}, current: {replicas: 2, available: 0}, olds: [{replicas: 3, available: 3}], expected: {newReplicas: 2, oldReplicas: [3], changed: false}},
		{name: 'unhealthy old pods go first', desired: 4, bounds: {maxSurge: 1, maxUnavailable: 1}, current: {replicas: 1, available: 0}, olds: [{replicas: 4, available: 2}], expected: {newReplicas: 1, oldReplicas: [3], changed: true}},
		{name: 'oldest set is scaled down first', desired: 4, bounds: {maxSurge: 1, maxUnavailable: 1}, current: {replicas: 1, available: 1}, olds: [{replicas: 2, available: 2}, {replicas: 2, available: 2}], expected: {newReplicas: 1, oldReplicas: [0, 2], changed: true}},
		{name: 'new set above desired scales down (deployment scaled in)', desired: 3, bounds: {maxSurge: 1, maxUnavailable: 0}, current: {replicas: 5, available: 5}, olds: [], expected: {newReplicas: 3, oldReplicas: [], changed: true}},
		{name: 'plain scale up without a rollout', desired: 6, bounds: {maxSurge: 2, maxUnavailable: 1}, current: {replicas: 3, available: 3}, olds: [], expected: {newReplicas: 6, oldReplicas: [], changed: true}},
		{name: 'settled', desired: 3, bounds: {maxSurge: 1, maxUnavailable: 0}, current: {replicas: 3, available: 3}, olds: [{replicas: 0, available: 0}], expected: {newReplicas: 3, oldReplicas: [0], changed: false}},
	];
	for (const c of cases) test(c.name, () => assert.deepEqual(rollingUpdateStep(c.desired, c.bounds, c.current, c.olds), c.expected));
});

describe('a whole rollout respects maxSurge and maxUnavailable at every step', () => {
	const combos: Array<[number, {maxSurge?: number | string; maxUnavailable?: number | string} | undefined]> = [
		[4, undefined],
		[10, undefined],
		[1, undefined],
		[5, {maxSurge: 0, maxUnavailable: 1}],
		[5, {maxSurge: 2, maxUnavailable: 0}],
		[7, {maxSurge: '50%', maxUnavailable: '10%'}],
	];
	for (const [desired, rollingUpdate] of combos) {
		test(`${desired} replicas, ${JSON.stringify(rollingUpdate ?? 'defaults')}`, () => {
			const bounds = rolloutBounds(desired, rollingUpdate);
			let current: ReplicaSetState = {replicas: 0, available: 0};
			let old: ReplicaSetState = {replicas: desired, available: desired};
			for (let sync = 0; sync < 100; sync++) {
				const decision = rollingUpdateStep(desired, bounds, current, [old]);
				// Spec replicas never exceed desired + maxSurge.
				assert.ok(decision.newReplicas + decision.oldReplicas[0]! <= desired + bounds.maxSurge, `surge exceeded at sync ${sync}`);
				current = {replicas: decision.newReplicas, available: current.available};
				old = {replicas: decision.oldReplicas[0]!, available: Math.min(old.available, decision.oldReplicas[0]!)};
				// Availability never drops below desired - maxUnavailable.
				assert.ok(current.available + old.available >= desired - bounds.maxUnavailable, `too unavailable at sync ${sync}`);
				// New pods become available one sync later.
				current = {replicas: current.replicas, available: current.replicas};
				if (current.replicas === desired && old.replicas === 0) return;
			}
			assert.fail('the rollout did not finish in 100 syncs');
		});
	}
});

describe('recreateStep', () => {
	test('old sets go to zero first', () => assert.deepEqual(recreateStep(3, {replicas: 0, available: 0}, [{replicas: 3, available: 3}], 3), {newReplicas: 0, oldReplicas: [0], changed: true}));
	test('waits while old pods still run', () => assert.deepEqual(recreateStep(3, {replicas: 0, available: 0}, [{replicas: 0, available: 0}], 1), {newReplicas: 0, oldReplicas: [0], changed: false}));
	test('then the new set scales up at once', () => assert.deepEqual(recreateStep(3, {replicas: 0, available: 0}, [{replicas: 0, available: 0}], 0), {newReplicas: 3, oldReplicas: [0], changed: true}));
});

describe('podTemplateHash', () => {
	const template = {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}};
	test('key order does not matter', () => {
		assert.equal(podTemplateHash(template), podTemplateHash({spec: {containers: [{image: 'nginx:1.27', name: 'web'}]}, metadata: {labels: {app: 'web'}}}));
	});
	test('a restartedAt annotation changes it; collisionCount too', () => {
		const restarted = {...template, metadata: {...template.metadata, annotations: {'kubectl.kubernetes.io/restartedAt': '2026-11-27T23:00:00Z'}}};
		assert.notEqual(podTemplateHash(template), podTemplateHash(restarted));
		assert.notEqual(podTemplateHash(template), podTemplateHash(template, 1));
	});
	test('uses only the safe alphabet', () => assert.match(podTemplateHash(template), /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/));
});

describe('ReplicaSet scale-down picks the least valuable pods first', () => {
	const base: PodInfo = {uid: '', namespace: 'ns', name: '', labels: {}, createdAt: 1000, seq: 0, phase: 'Running', deleting: false, ready: true, readySince: 2000, scheduled: true, requests: {}};
	const cases: Array<[string, Partial<PodInfo>, Partial<PodInfo>]> = [
		['unscheduled before scheduled', {scheduled: false, phase: 'Pending'}, {}],
		['pending before running', {phase: 'Pending'}, {}],
		['not ready before ready', {ready: false, readySince: undefined}, {}],
		['ready more recently before ready longer', {readySince: 5000}, {readySince: 2000}],
		['newer before older', {createdAt: 9000, ready: false, readySince: undefined}, {createdAt: 1000, ready: false, readySince: undefined}],
	];
	for (const [name, first, second] of cases) {
		test(name, () => {
			const a = {...base, name: 'a', ...first};
			const b = {...base, name: 'b', ...second};
			assert.deepEqual([b, a].sort(deletionOrder).map(p => p.name), ['a', 'b']);
		});
	}
});
