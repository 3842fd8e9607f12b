// The :problems store hands the HPA rows to the rules, and a change of the HPAs alone (no pod,
// node or event changed) is seen on the next snapshot.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow, KubeObject} from '../../source/model/types.js';
import {projectHpa, type HpaRow} from '../../source/model/hpa.js';
import {ProblemsStore} from '../../source/store/problemsStore.js';
import {nextVersion, snapshotOf, type RowStore, type Snapshot} from '../../source/store/rowStore.js';

class Fixed<R extends BaseRow> implements RowStore<R> {
	private snap: Snapshot<R>;
	constructor(rows: readonly R[]) {
		this.snap = snapshotOf(rows, nextVersion());
	}
	set(rows: readonly R[]): void {
		this.snap = snapshotOf(rows, nextVersion());
	}
	snapshot(): Snapshot<R> {
		return this.snap;
	}
	subscribe(): () => void {
		return () => {};
	}
}

const hpa = (current: number): HpaRow => projectHpa({kind: 'HorizontalPodAutoscaler', metadata: {uid: 'h1', name: 'api', namespace: 'production'},
	spec: {scaleTargetRef: {kind: 'Deployment', name: 'api'}, minReplicas: 2, maxReplicas: 6}, status: {currentReplicas: current, desiredReplicas: current}} as KubeObject);

test('an HPA reaching its maximum appears in :problems, and leaves when it scales down', () => {
	const hpas = new Fixed<HpaRow>([hpa(4)]);
	const store = new ProblemsStore({pods: new Fixed([]), nodes: new Fixed([]), deployments: new Fixed([]), events: new Fixed([]), hpas}, {clock: () => 0});
	try {
		assert.deepEqual(store.snapshot().rows, []);
		hpas.set([hpa(6)]);
		const rows = store.snapshot().rows;
		assert.deepEqual(rows.map((r) => [r.kind, r.name, r.reason]), [['HorizontalPodAutoscaler', 'api', 'at max 6 replicas (current 6) · Deployment/api']]);
		hpas.set([hpa(5)]);
		assert.deepEqual(store.snapshot().rows, []);
	} finally {
		store.close();
	}
});
