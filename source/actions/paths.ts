// Where each kind an action may touch lives in the API. Actions name kinds the way
// Kubernetes objects do ('Deployment'), since intents come from rows and objects.

interface KindPath {
	base: string;
	plural: string;
	namespaced: boolean;
	/** kubectl's "resource.group" spelling used in messages: deployment.apps/web */
	display: string;
}

const KINDS: Record<string, KindPath> = {
	Pod: {base: '/api/v1', plural: 'pods', namespaced: true, display: 'pod'},
	Service: {base: '/api/v1', plural: 'services', namespaced: true, display: 'service'},
	ConfigMap: {base: '/api/v1', plural: 'configmaps', namespaced: true, display: 'configmap'},
	Secret: {base: '/api/v1', plural: 'secrets', namespaced: true, display: 'secret'},
	Namespace: {base: '/api/v1', plural: 'namespaces', namespaced: false, display: 'namespace'},
	Node: {base: '/api/v1', plural: 'nodes', namespaced: false, display: 'node'},
	Deployment: {base: '/apis/apps/v1', plural: 'deployments', namespaced: true, display: 'deployment.apps'},
	ReplicaSet: {base: '/apis/apps/v1', plural: 'replicasets', namespaced: true, display: 'replicaset.apps'},
	StatefulSet: {base: '/apis/apps/v1', plural: 'statefulsets', namespaced: true, display: 'statefulset.apps'},
	DaemonSet: {base: '/apis/apps/v1', plural: 'daemonsets', namespaced: true, display: 'daemonset.apps'},
	Job: {base: '/apis/batch/v1', plural: 'jobs', namespaced: true, display: 'job.batch'},
	CronJob: {base: '/apis/batch/v1', plural: 'cronjobs', namespaced: true, display: 'cronjob.batch'},
};

export function isKnownKind(kind: string): boolean {
	return Object.prototype.hasOwnProperty.call(KINDS, kind);
}

function info(kind: string): KindPath {
	const found = KINDS[kind];
	if (!found) throw new Error(`kubedeck cannot act on kind ${kind}`);
	return found;
}

export function objectPathFor(kind: string, namespace: string | undefined, name: string, subresource?: string): string {
	const k = info(kind);
	if (k.namespaced && !namespace) throw new Error(`${kind} ${name}: a namespace is needed`);
	const scope = k.namespaced ? `/namespaces/${encodeURIComponent(namespace!)}` : '';
	return `${k.base}${scope}/${k.plural}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ''}`;
}

/** "deployment.apps/web" as kubectl prints it. */
export function displayName(kind: string, name: string): string {
	return `${KINDS[kind]?.display ?? kind.toLowerCase()}/${name}`;
}

/** "payments/web" or "web" for cluster-scoped objects. */
export function qualifiedName(namespace: string | undefined, name: string): string {
	return namespace ? `${namespace}/${name}` : name;
}
