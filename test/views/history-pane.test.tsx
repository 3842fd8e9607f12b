// The rollout history pane at 80 columns: a deployment's revisions newest first, with images
// and change cause, and without the ReplicaSets that carry no revision.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable} from '../../views/ResourceTable.js';
import {TextPager} from '../../views/TextPager.js';
import {projectReplicaSet, type ReplicaSetRow} from '../../source/model/replicasets.js';
import {historyColumns, historyPane} from '../../source/ui/panes/historyPane.js';
import {selectRows} from '../../source/store/selectors.js';
import type {KubeObject} from '../../source/model/types.js';

afterEach(() => cleanup());

const NOW = Date.UTC(2026, 11, 5, 12, 0, 0);

function replicaSet(revision: number | undefined, image: string, hoursAgo: number, cause?: string): KubeObject {
	const annotations: Record<string, string> = {};
	if (revision !== undefined) annotations['deployment.kubernetes.io/revision'] = String(revision);
	if (cause) annotations['kubernetes.io/change-cause'] = cause;
	return {
		metadata: {
			name: `web-${revision ?? 'x'}abc`,
			namespace: 'shop',
			uid: `rs-${revision ?? 'x'}`,
			creationTimestamp: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
			annotations,
			ownerReferences: [{kind: 'Deployment', name: 'web', uid: 'd1', controller: true}],
		},
		spec: {replicas: revision === 3 ? 2 : 0, template: {spec: {containers: [{name: 'app', image}]}}},
		status: {replicas: revision === 3 ? 2 : 0, readyReplicas: revision === 3 ? 2 : 0},
	};
}

test('history at 80 columns: revision, images, change cause, age; newest first; a ReplicaSet without a revision is left out', () => {
	const all = [
		replicaSet(1, 'nginx:1.23', 72, 'first deploy'),
		replicaSet(3, 'nginx:1.25', 3),
		replicaSet(2, 'nginx:1.24', 24, 'kubectl set image deploy/web app=nginx:1.24'),
		replicaSet(undefined, 'busybox', 2),
	].map(projectReplicaSet);
	const included = all.filter((row) => historyPane.include!(row)) as ReplicaSetRow[];
	const rows = selectRows(included, historyColumns, {sort: {column: 'revision', ascending: false}}, NOW);
	const {lastFrame, unmount} = render(
		<ResourceTable rows={rows} columns={historyColumns} selectedIndex={0} height={10} width={80} wide={false} allNamespaces={false} now={NOW} title="history" scope="shop" detail="deploy/web" sort={{column: 'revision', ascending: false}} />,
	);
	const lines = (lastFrame() ?? '').split('\n');
	unmount();
	assert.ok(lines.every((line) => line.length <= 80), lines.join('\n'));
	assert.match(lines[0]!, /history\(shop\)\[3\]/);
	assert.match(lines[1]!, /REVISION.*IMAGES.*CHANGE-CAUSE.*READY.*AGE.*NAME/);
	const data = lines.slice(2).filter((l) => l.trim() !== '');
	assert.equal(data.length, 3);
	assert.match(data[0]!, /^> +3 +nginx:1\.25 +<none> +2\/2 +3h +web-3abc/);
	assert.match(data[1]!, /2 +nginx:1\.24 +kubectl set image deploy\/web/);
	assert.match(data[2]!, /1 +nginx:1\.23 +first deploy +0\/0 +3d/);
	assert.ok(!lines.some((l) => l.includes('busybox')));
});

test('a revision diff in the pager reads without colour: every line keeps its -, + or space', () => {
	const lines = ['--- revision 2', '+++ revision 3', '@@ -4,4 +4,4 @@', ' spec:', '-      image: nginx:1.24', '+      image: nginx:1.25'];
	const {lastFrame, unmount} = render(<TextPager title="deploy/web: pod template, revision 2 → 3" lines={lines} offset={0} height={10} width={80} diff />);
	const frame = (lastFrame() ?? '').split('\n');
	unmount();
	assert.deepEqual(frame.slice(1, 7), lines);
});
