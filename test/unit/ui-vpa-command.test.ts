// :vpa — the VerticalPodAutoscaler's pane when discovery lists autoscaling.k8s.io, one clear
// line naming the missing API when it does not (not "unknown command": the word was right).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import {parseCommand} from '../../source/ui/commands.js';
import {catalogOf} from '../../source/ui/genericCommands.js';

const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const pods: DiscoveredResource = {group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', scope: 'Namespaced', shortNames: ['po'], categories: ['all'], verbs};
const vpa: DiscoveredResource = {group: 'autoscaling.k8s.io', version: 'v1', plural: 'verticalpodautoscalers', singular: 'verticalpodautoscaler', kind: 'VerticalPodAutoscaler', scope: 'Namespaced', shortNames: ['vpa'], categories: [], verbs};

test(':vpa opens the VPA pane when the server serves autoscaling.k8s.io', () => {
	for (const word of ['vpa', 'verticalpodautoscalers']) {
		assert.deepEqual(parseCommand(word, {catalog: catalogOf([pods, vpa]), rediscover: false}), {ok: true, command: {type: 'pane', pane: 'verticalpodautoscalers.autoscaling.k8s.io'}}, word);
	}
});

test(':vpa without the API: first discovery is asked again, then one line names the missing API', () => {
	const catalog = catalogOf([pods]);
	assert.deepEqual(parseCommand('vpa', {catalog, rediscover: true}), {ok: true, command: {type: 'rediscover', text: 'vpa'}});
	const after = parseCommand('vpa', {catalog, rediscover: false});
	assert.equal(after.ok, false);
	assert.equal(!after.ok && after.message, 'VPA API (autoscaling.k8s.io) not served here: install the VPA add-on');
	const other = parseCommand('nothing-like-it', {catalog, rediscover: false});
	assert.match(!other.ok ? other.message : '', /^unknown command: nothing-like-it/);
});
