// metav1.Status errors and small response helpers shared by every handler.
import type {ServerResponse} from 'node:http';
import {ApiError} from '../contracts.js';

export interface StatusBody {
	kind: 'Status';
	apiVersion: 'v1';
	metadata: Record<string, never>;
	status: 'Failure' | 'Success';
	message?: string;
	reason?: string;
	details?: Record<string, unknown>;
	code: number;
}

export function statusOf(error: ApiError): StatusBody {
	const body: StatusBody = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: error.message, reason: error.reason, code: error.code};
	if (error.details) body.details = error.details;
	return body;
}

export function successStatus(code: number, details?: Record<string, unknown>): StatusBody {
	const body: StatusBody = {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code};
	if (details) body.details = details;
	return body;
}

/** Anything thrown inside a handler becomes a Status; non-API errors are 500s with their message. */
export function toApiError(error: unknown): ApiError {
	if (error instanceof ApiError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
	sendText(res, code, typeof body === 'string' ? body : JSON.stringify(body), 'application/json');
}

export function sendText(res: ServerResponse, code: number, text: string, contentType: string): void {
	if (res.headersSent) {
		res.end();
		return;
	}
	res.writeHead(code, {'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private'});
	res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
	const apiError = toApiError(error);
	sendJson(res, apiError.code, statusOf(apiError));
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export function invalid(kind: string, group: string, name: string, field: string, message: string, reason = 'FieldValueInvalid'): ApiError {
	const qualified = group ? `${kind}.${group}` : kind;
	return new ApiError(422, 'Invalid', `${qualified} "${name}" is invalid: ${field}: ${message}`, {
		name,
		group,
		kind,
		causes: [{reason, message, field}],
	});
}
