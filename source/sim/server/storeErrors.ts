// The API server's answers when a write or read of the store cannot be done, worded as the real
// server words them (clients and tests match on the reason and on parts of the message).
import {ApiError, type ResourceKey, type ResourceType} from '../contracts.js';

/** 'deployments.apps', or 'pods' for the core group: how the server names a resource in messages. */
function qualified(type: ResourceType): string {
	return type.group ? `${type.resource}.${type.group}` : type.resource;
}

export function notFound(type: ResourceType, name: string): ApiError {
	return new ApiError(404, 'NotFound', `${qualified(type)} "${name}" not found`, {name, group: type.group, kind: type.resource});
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
	return new ApiError(409, 'AlreadyExists', `${qualified(type)} "${name}" already exists`, {name, group: type.group, kind: type.resource});
}

export function conflict(type: ResourceType, name: string): ApiError {
	return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, {name, group: type.group, kind: type.resource});
}

export function nameRequired(type: ResourceType): ApiError {
	return new ApiError(422, 'Invalid', `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
}

export function namespaceMismatch(): ApiError {
	return new ApiError(400, 'BadRequest', `the namespace of the provided object does not match the namespace sent on the request`);
}

export function unknownResource(key: ResourceKey): ApiError {
	return new ApiError(404, 'NotFound', `the server could not find the requested resource (${key})`);
}
