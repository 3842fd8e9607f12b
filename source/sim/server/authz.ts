// Who is asking and what they may do: the simulator's small RBAC model, and the two
// authorization.k8s.io/v1 self-reviews clients use to ask it before acting (k9s checks every view
// with SelfSubjectAccessReview; `kubectl auth can-i` sends both).
//
// Two identities: the demo user may do everything the `forbid` rules leave; the viewer may only
// get, list and watch. client-go applies no credentials on plain http (it reads a kubeconfig's
// user only when the transport is TLS), so a token cannot tell the two apart for kubectl or k9s:
// the viewer's context points at the server under a path prefix instead, and a token, when one is
// sent, must belong to the same identity.
import {ApiError, type ResourceType} from '../contracts.js';

/** The path prefix the viewer's context uses as its server URL's path. */
export const viewerPrefix = '/users/viewer';

export interface SimIdentity {
	name: string;
	/** Only get, list and watch. */
	readOnly: boolean;
}

export const readVerbs: readonly string[] = ['get', 'list', 'watch'];

/** One resource request as an authoriser sees it (the SelfSubjectAccessReview's resourceAttributes). */
export interface ResourceAttributes {
	verb: string;
	group: string;
	resource: string;
	subresource?: string;
	namespace?: string;
	name?: string;
}

/** True when the `forbid` rules (or a test's fault switches) deny the request. */
export type DenialCheck = (attributes: ResourceAttributes) => boolean;

export function allows(identity: SimIdentity, attributes: ResourceAttributes, denied: DenialCheck): boolean {
	if (identity.readOnly && !readVerbs.includes(attributes.verb)) return false;
	return !denied(attributes);
}

/** The non-resource URLs: the demo user may use any; the viewer may get the discovery and health ones (system:discovery). */
function allowsPath(identity: SimIdentity, path: string, verb: string): boolean {
	if (!identity.readOnly) return true;
	return verb === 'get' && ['/api', '/apis', '/version', '/healthz', '/livez', '/readyz', '/openapi'].some(prefix => path === prefix || path.startsWith(`${prefix}/`));
}

export const authorizationGroup = 'authorization.k8s.io';
const reviewResources = ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] as const;
const reviewKinds: Record<(typeof reviewResources)[number], string> = {selfsubjectaccessreviews: 'SelfSubjectAccessReview', selfsubjectrulesreviews: 'SelfSubjectRulesReview'};

/** The review resource a POST path names, or undefined (the path is not a review). */
export function reviewOf(path: string): (typeof reviewResources)[number] | undefined {
	const prefix = `/apis/${authorizationGroup}/v1/`;
	if (!path.startsWith(prefix)) return undefined;
	const rest = path.slice(prefix.length);
	return reviewResources.find(resource => resource === rest);
}

function objectOr(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Answers a SelfSubjectAccessReview body: the same object back with status.allowed (and a reason). */
export function accessReview(identity: SimIdentity, body: unknown, denied: DenialCheck): unknown {
	const review = objectOr(body);
	const spec = objectOr(review.spec);
	const resource = spec.resourceAttributes === undefined ? undefined : objectOr(spec.resourceAttributes);
	const nonResource = spec.nonResourceAttributes === undefined ? undefined : objectOr(spec.nonResourceAttributes);
	if ((resource === undefined) === (nonResource === undefined)) {
		throw new ApiError(422, 'Invalid', 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified', {group: authorizationGroup, kind: 'SelfSubjectAccessReview'});
	}
	let allowed: boolean;
	if (resource) {
		const attributes: ResourceAttributes = {verb: text(resource.verb) ?? '', group: text(resource.group) ?? '', resource: text(resource.resource) ?? ''};
		const subresource = text(resource.subresource);
		const namespace = text(resource.namespace);
		const name = text(resource.name);
		if (subresource) attributes.subresource = subresource;
		if (namespace) attributes.namespace = namespace;
		if (name) attributes.name = name;
		allowed = allows(identity, attributes, denied);
	} else {
		allowed = allowsPath(identity, text(nonResource!.path) ?? '', text(nonResource!.verb) ?? '');
	}
	// As RBAC answers: a reason names the grant; a denial has none (kubectl then prints a bare "no").
	const status: Record<string, unknown> = allowed ? {allowed, reason: `allowed by the simulator's RBAC for "${identity.name}"`} : {allowed};
	return {kind: 'SelfSubjectAccessReview', apiVersion: `${authorizationGroup}/v1`, metadata: {creationTimestamp: null}, spec, status};
}

/** Answers a SelfSubjectRulesReview: the rules the identity holds (a namespace is required, as on a real server). */
export function rulesReview(identity: SimIdentity, body: unknown, forbidden: ReadonlyArray<{resource: string; namespace?: string; verbs?: string[]}>): unknown {
	const review = objectOr(body);
	const spec = objectOr(review.spec);
	const namespace = text(spec.namespace);
	if (!namespace) throw new ApiError(400, 'BadRequest', 'no namespace on request');
	const verbs = identity.readOnly ? [...readVerbs] : ['*'];
	// `forbid` rules are denials; RBAC has none, so the review says its answer is incomplete when any apply.
	const incomplete = !identity.readOnly && forbidden.some(rule => rule.namespace === undefined || rule.namespace === namespace);
	return {
		kind: 'SelfSubjectRulesReview',
		apiVersion: `${authorizationGroup}/v1`,
		metadata: {creationTimestamp: null},
		spec,
		status: {
			resourceRules: [{verbs, apiGroups: ['*'], resources: ['*']}, {verbs: ['create'], apiGroups: [authorizationGroup], resources: [...reviewResources]}],
			nonResourceRules: [{verbs: identity.readOnly ? ['get'] : ['*'], nonResourceURLs: identity.readOnly ? ['/api', '/api/*', '/apis', '/apis/*', '/version', '/healthz', '/livez', '/readyz', '/openapi', '/openapi/*'] : ['*']}],
			incomplete,
			...(incomplete ? {evaluationError: 'some requests are denied by the simulator\'s forbid rules, which RBAC rules cannot express'} : {}),
		},
	};
}

/** The review resources as discovery lists them (create only, cluster-scoped, as a real server does); never stored. */
export const reviewTypes: readonly ResourceType[] = reviewResources.map(resource => ({group: authorizationGroup, version: 'v1', resource, kind: reviewKinds[resource], namespaced: false, verbs: ['create']}));
