// Request-level faults for the simulated API server, switched on and off by tests while a client
// runs against it; the client never reaches these switches (they are not on the HTTP API). They
// make the server answer as a real one does in an incident: 5xx and 429 with Retry-After, 401
// once a token has been rotated, 403 per resource, slow answers, and a listener that refuses
// connections for a while. Every request is recorded with its answer, so a test can count what a
// client sent during an outage and which mutations the server actually applied.
import type {ServerResponse} from 'node:http';
import {setTimeout as delay} from 'node:timers/promises';
import {randomBytes} from 'node:crypto';
import {ApiError} from '../contracts.js';
import {sendJson, statusOf} from './status.js';

/** A request as the fault switches see it. verb is the RBAC verb (list, watch, patch, …). */
export interface RequestInfo {
	method: string;
	path: string;
	verb: string;
	/** The resource (pods, deployments); undefined for discovery, /version and other non-resource paths. */
	resource?: string;
	/** A subresource (scale, status, log). */
	sub?: string;
	namespace?: string;
}

export interface RequestRecord extends RequestInfo {
	/** epoch ms when the request arrived */
	at: number;
	/** The status answered; 0 while the answer is not complete (an open watch). */
	status: number;
	/** Set when a fault answered instead of the API. */
	fault?: string;
}

/** Which requests a fault hits; every field left out matches everything. */
export interface FaultScope {
	resource?: string;
	verbs?: readonly string[];
	namespace?: string;
}

/** Same shape as the simulator's static `forbid` rules, so both are judged by one check. */
export interface Denial {
	resource: string;
	namespace?: string;
	verbs?: string[];
}

type FailStatus = 429 | 500 | 503;

interface StatusFault {
	status: FailStatus;
	retryAfterSeconds?: number;
	scope: FaultScope;
	/** How many more requests it answers; Infinity until cleared. */
	remaining: number;
}

interface DelayFault {
	ms: number;
	scope: FaultScope;
}

const reasons: Record<FailStatus, {reason: string; message: string}> = {
	429: {reason: 'TooManyRequests', message: 'Too many requests, please try again later.'},
	500: {reason: 'InternalError', message: 'Internal error occurred: the simulated server failed (fault injected)'},
	503: {reason: 'ServiceUnavailable', message: 'The server is currently unable to handle the request (fault injected)'},
};

function matches(scope: FaultScope, info: RequestInfo): boolean {
	if (scope.resource !== undefined && scope.resource !== info.resource) return false;
	if (scope.verbs && !scope.verbs.includes(info.verb)) return false;
	if (scope.namespace !== undefined && scope.namespace !== info.namespace) return false;
	return true;
}

const mutatingVerbs = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export class SimFaults {
	/** Every request the server received while these switches were attached, oldest first. */
	readonly requests: RequestRecord[] = [];
	private statusFaults: StatusFault[] = [];
	private delays: DelayFault[] = [];
	private denied: Denial[] = [];
	private rotated: string | undefined;

	/**
	 * Answers `status` (with Retry-After when given) to matching requests: `times` of them, or
	 * every one until clear(). The request never reaches the API, so nothing is applied.
	 */
	fail(status: FailStatus, options: {retryAfterSeconds?: number; times?: number; scope?: FaultScope} = {}): void {
		this.statusFaults.push({
			status,
			scope: options.scope ?? {},
			remaining: options.times ?? Infinity,
			...(options.retryAfterSeconds !== undefined ? {retryAfterSeconds: options.retryAfterSeconds} : {}),
		});
	}

	/** Holds matching requests for ms before the API handles them (applied afterwards, once). */
	slow(ms: number, scope: FaultScope = {}): void {
		this.delays.push({ms, scope});
	}

	/** 403 Forbidden with the real RBAC message for a resource (some verbs, one namespace, or all). */
	forbid(denial: Denial): void {
		this.denied.push(denial);
	}

	/**
	 * Rotates the server's token: from now on only the returned one is accepted, and a request
	 * without credentials is refused too (a rotated token means someone cares who calls).
	 */
	rotateToken(): string {
		this.rotated = randomBytes(24).toString('hex');
		return this.rotated;
	}

	/** Every fault off; a rotated token stays rotated (the old one does not become valid again). */
	clear(): void {
		this.statusFaults = [];
		this.delays = [];
		this.denied = [];
	}

	/** The token the server accepts, given the one it started with. */
	acceptedToken(original: string): string {
		return this.rotated ?? original;
	}

	/** Whether a request without an Authorization header is refused. */
	get credentialsRequired(): boolean {
		return this.rotated !== undefined;
	}

	get denials(): readonly Denial[] {
		return this.denied;
	}

	/** Requests since `since` (epoch ms) that match the scope. */
	seen(scope: FaultScope = {}, since = 0): RequestRecord[] {
		return this.requests.filter((r) => r.at >= since && matches(scope, r));
	}

	/** Mutations the API applied (answered below 400 without a fault): what a test counts to prove "once". */
	applied(scope: FaultScope = {}): RequestRecord[] {
		return this.requests.filter((r) => mutatingVerbs.has(r.verb) && !r.fault && r.status > 0 && r.status < 400 && matches(scope, r));
	}

	/**
	 * Called by the HTTP handler for each request before authentication: records it, holds it
	 * when slowed, and answers it when a status fault matches (true: answered, stop there).
	 */
	async intercept(info: RequestInfo, res: ServerResponse): Promise<boolean> {
		const record: RequestRecord = {...info, at: Date.now(), status: 0};
		this.requests.push(record);
		res.once('finish', () => {
			record.status = res.statusCode;
		});
		const wait = this.delays.filter((d) => matches(d.scope, info)).reduce((sum, d) => sum + d.ms, 0);
		// The request goes on to the API after the wait even if its client gave up meanwhile (a body
		// that was not read before the client left cannot be read then, and fails there).
		if (wait > 0) await delay(wait);
		const fault = this.statusFaults.find((f) => f.remaining > 0 && matches(f.scope, info));
		if (!fault) return false;
		fault.remaining--;
		record.fault = String(fault.status);
		const {reason, message} = reasons[fault.status];
		const error = new ApiError(fault.status, reason, message, fault.retryAfterSeconds !== undefined ? {retryAfterSeconds: fault.retryAfterSeconds} : undefined);
		if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
		sendJson(res, fault.status, statusOf(error));
		return true;
	}
}

/** What a listener must offer to be made to refuse connections (the simulator's Sim does). */
export interface Listener {
	stopServer(): Promise<void>;
	startServer(): Promise<void>;
}

/**
 * Refuses connections for ms: the listener closes (open watches and kept-alive sockets die, new
 * connections get ECONNREFUSED, as when an API server restarts), then listens again on the same port.
 */
export async function refuseConnections(listener: Listener, ms: number): Promise<void> {
	await listener.stopServer();
	await delay(ms);
	await listener.startServer();
}

/** A ConfigMap whose data holds `bytes` characters (a 5 MB object for the huge-object fault). */
export function hugeConfigMap(name: string, bytes: number): {apiVersion: 'v1'; kind: 'ConfigMap'; metadata: {name: string}; data: Record<string, string>} {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name}, data: {blob: 'x'.repeat(bytes)}};
}
