// The set-image prompt as pure state: one container (picked first when the template has
// several), its image prefilled, so the usual change is editing a tag. Submitting asks the
// server for a dry run first; only what the server accepted is put to the user for confirmation.
import type {InkKey} from '../config/keys.js';
import {checkImage} from '../model/imageRef.js';
import {editText, type ActionTarget} from './dialogs.js';

export interface ImagePrompt {
	target: ActionTarget & {namespace: string};
	/** The container whose image is set, and its image when the prompt opened. */
	container: string;
	from: string;
	value: string;
	error?: string;
	/** Set while the dry run is out: the request it answers to. */
	checking?: number;
}

export function openImagePrompt(target: ActionTarget & {namespace: string}, container: {name: string; image: string}): ImagePrompt {
	return {target, container: container.name, from: container.image, value: container.image};
}

export type ImageChoice = {ok: true; image: string} | {ok: false; message: string};

/** The typed image, refused before any request when it is not a reference or changes nothing. */
export function parseImageInput(prompt: ImagePrompt): ImageChoice {
	const image = prompt.value.trim();
	const checked = checkImage(image);
	if (!checked.ok) return {ok: false, message: checked.message};
	if (prompt.from === image) return {ok: false, message: `${prompt.container} already runs ${image}`};
	return {ok: true, image};
}

export function editImagePrompt(prompt: ImagePrompt, input: string, key: Partial<InkKey>): ImagePrompt {
	if (prompt.checking !== undefined) return prompt;
	const value = editText(prompt.value, input, key);
	if (value === prompt.value) return prompt;
	const {error: _error, ...rest} = prompt;
	return {...rest, value};
}
