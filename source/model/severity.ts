// How bad a status reason is, decided once for every place that shows one: the pod STATUS
// column (kubectl's reason text) and a container's waiting reason. The known reasons are the
// kubelet's, the scheduler's and the node lifecycle controller's; an unknown reason that reads
// like a failure (…BackOff, Err…, …Error, Invalid…) is one, so a reason added by a newer
// kubelet is red before anyone lists it here.
import type {Severity} from './types.js';

const ERROR_REASONS = new Set([
	// Container waiting reasons from the kubelet.
	'CrashLoopBackOff',
	'ImagePullBackOff',
	'ErrImagePull',
	'ErrImageNeverPull',
	'InvalidImageName',
	'ImageInspectError',
	'RegistryUnavailable',
	'SignatureValidationFailed',
	'CreateContainerConfigError',
	'CreateContainerError',
	'RunContainerError',
	'KillContainerError',
	'VerifyNonRootError',
	'PreStartHookError',
	'PostStartHookError',
	'ContainerStatusUnknown',
	// Termination and eviction.
	'OOMKilled',
	'Error',
	'Evicted',
	'DeadlineExceeded',
	// Admission on the node.
	'NodeLost',
	'NodeAffinity',
	'OutOfcpu',
	'OutOfmemory',
	'UnexpectedAdmissionError',
	'Unknown',
	'Failed',
]);

const WARN_REASONS = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'NotReady', 'Terminating', 'SchedulingGated']);

const DONE_REASONS = new Set(['Completed', 'Succeeded']);

/** kubectl's 'Signal:9' and 'ExitCode:1' for a container that ended without a reason. */
const EXIT_WITHOUT_REASON = /^(Signal|ExitCode):/;
const READS_AS_FAILURE = /BackOff$|^Err|Error$|^Invalid/;

/** The severity a reason carries on its own, or undefined when it says nothing either way (e.g. 'Running'). */
export function reasonSeverity(reason: string): Severity | undefined {
	if (ERROR_REASONS.has(reason) || EXIT_WITHOUT_REASON.test(reason)) return 'error';
	if (WARN_REASONS.has(reason)) return 'warn';
	if (DONE_REASONS.has(reason)) return 'done';
	if (READS_AS_FAILURE.test(reason)) return 'error';
	return undefined;
}
