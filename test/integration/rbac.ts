// Real-cluster stand-in for the simulator's `forbid` option: a user who may do only what the
// given RBAC rules grant, reached by impersonation (the admin kubeconfig plus Impersonate-User),
// so a test can meet the real authorizer's 403s. RBAC only ever adds permissions: list what
// the user may do, and everything else is forbidden.
import {CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1PolicyRule} from '@kubernetes/client-node';
import {uniqueName} from './cluster.js';

export interface LimitedUser {
	kubeConfig: KubeConfig;
	/** Removes the roles and bindings. */
	remove(): Promise<void>;
}

/**
 * `cluster` rules hold everywhere; `namespaced[ns]` rules only in ns. Resolves once the
 * authorizer honours them, proven by `ready` (a call the rules allow) succeeding.
 */
export async function limitedUser(
	admin: KubeConfig,
	user: string,
	grants: {cluster?: V1PolicyRule[]; namespaced?: Record<string, V1PolicyRule[]>},
	ready: (kubeConfig: KubeConfig) => Promise<unknown>,
): Promise<LimitedUser> {
	const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
	const name = uniqueName('kubedeck-test-rbac');
	const subjects = [{kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: user}];
	const made: Array<() => Promise<unknown>> = [];
	const remove = async () => {
		for (const undo of made.reverse()) await undo().catch(() => undefined);
	};
	try {
		if (grants.cluster?.length) {
			await rbac.createClusterRole({body: {metadata: {name}, rules: grants.cluster}});
			made.push(() => rbac.deleteClusterRole({name}));
			await rbac.createClusterRoleBinding({body: {metadata: {name}, roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name}, subjects}});
			made.push(() => rbac.deleteClusterRoleBinding({name}));
		}
		for (const [namespace, rules] of Object.entries(grants.namespaced ?? {})) {
			await rbac.createNamespacedRole({namespace, body: {metadata: {name}, rules}});
			made.push(() => rbac.deleteNamespacedRole({namespace, name}));
			await rbac.createNamespacedRoleBinding({namespace, body: {metadata: {name}, roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name}, subjects}});
			made.push(() => rbac.deleteNamespacedRoleBinding({namespace, name}));
		}
		const kubeConfig = impersonating(admin, user);
		// The authorizer reads roles from an informer cache: wait until the grant is visible.
		const deadline = Date.now() + 10_000;
		for (;;) {
			try {
				await ready(kubeConfig);
				break;
			} catch (error) {
				if (Date.now() > deadline) throw error;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		return {kubeConfig, remove};
	} catch (error) {
		await remove();
		throw error;
	}
}

/** The admin kubeconfig acting as `user` (system:authenticated is added by the server). */
function impersonating(admin: KubeConfig, user: string): KubeConfig {
	const current = admin.getCurrentUser();
	const context = admin.getContextObject(admin.getCurrentContext());
	if (!current || !context) throw new Error('the admin kubeconfig has no current user or context');
	const kubeConfig = new KubeConfig();
	kubeConfig.loadFromOptions({
		clusters: admin.getClusters(),
		users: [{...current, impersonateUser: user}],
		contexts: [context],
		currentContext: context.name,
	});
	return kubeConfig;
}

/** Convenience for `ready`: the user can list pods in namespace. */
export const canListPods = (namespace: string) => (kubeConfig: KubeConfig) => kubeConfig.makeApiClient(CoreV1Api).listNamespacedPod({namespace});
