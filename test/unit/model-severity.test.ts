import {test} from 'node:test';
import assert from 'node:assert/strict';
import {reasonSeverity} from '../../source/model/severity.js';
import {podSeverity} from '../../source/model/pods.js';
import {containerRows} from '../../source/model/containers.js';
import type {KubeObject, Severity} from '../../source/model/types.js';

test('reasonSeverity: one verdict per reason', () => {
	const cases: Array<[string, Severity | undefined]> = [
		// Container waiting reasons.
		['CrashLoopBackOff', 'error'],
		['ImagePullBackOff', 'error'],
		['ErrImagePull', 'error'],
		['ErrImageNeverPull', 'error'],
		['InvalidImageName', 'error'],
		['CreateContainerConfigError', 'error'],
		['RunContainerError', 'error'],
		['ImageInspectError', 'error'],
		['RegistryUnavailable', 'error'],
		['ContainerCreating', 'warn'],
		['PodInitializing', 'warn'],
		// Pod STATUS texts.
		['OOMKilled', 'error'],
		['Error', 'error'],
		['Evicted', 'error'],
		['NodeLost', 'error'],
		['Unknown', 'error'],
		['Signal:9', 'error'],
		['ExitCode:137', 'error'],
		['Pending', 'warn'],
		['Terminating', 'warn'],
		['NotReady', 'warn'],
		['SchedulingGated', 'warn'],
		['Completed', 'done'],
		['Succeeded', 'done'],
		// Unknown reasons: a failure by its name, or no verdict.
		['SomeFutureBackOff', 'error'],
		['ErrSomethingNew', 'error'],
		['SandboxCreateError', 'error'],
		['InvalidSomething', 'error'],
		['Running', undefined],
		['', undefined],
		['Init:0/2', undefined],
		['BackOffLater', undefined],
	];
	for (const [reason, expected] of cases) assert.equal(reasonSeverity(reason), expected, JSON.stringify(reason));
});

/** A pod JSON with one app container waiting for `reason`. */
function waitingPod(reason: string): KubeObject {
	return {
		metadata: {name: 'p', namespace: 'ns', uid: 'u'},
		spec: {containers: [{name: 'app', image: 'x'}]},
		status: {phase: 'Pending', containerStatuses: [{name: 'app', ready: false, restartCount: 0, state: {waiting: {reason}}}]},
	};
}

test('a pod STATUS and its container\'s waiting reason get the same verdict', () => {
	for (const reason of ['CrashLoopBackOff', 'ImageInspectError', 'RegistryUnavailable', 'SandboxCreateError', 'ContainerCreating', 'PodInitializing']) {
		const pod = podSeverity({status: reason, phase: 'Pending', ready: '0/1'});
		const [container] = containerRows(waitingPod(reason));
		assert.equal(container?.severity, pod, reason);
	}
});
