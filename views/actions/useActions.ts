// The App's handle on the action flows: one controller for the App's lifetime (a context
// switch remounts the App, which disposes it and stops any stream or follow it ran).
import {useEffect, useRef, useState} from 'react';
import type {ActionLayer} from '../../source/actions/actionLayer.js';
import type {Keymap} from '../../source/config/keymap.js';
import type {Session} from '../../source/kube/session.js';
import {createActionController, type ActionController, type ActionSettings} from './controller.js';
import {LOG_CHROME_ROWS} from './LogView.js';

export interface UseActionsOptions {
	layer: ActionLayer | undefined;
	session: Session;
	keymap: Keymap;
	settings: ActionSettings;
	say(text: string, level: 'info' | 'error'): void;
	/** Rows the overlay body gets (the table's body height, known only after layout). */
	bodyHeight(): number;
}

export function useActionController(options: UseActionsOptions): ActionController {
	const [, setVersion] = useState(0);
	const latest = useRef(options);
	latest.current = options;
	const controller = useRef<ActionController>(undefined);
	controller.current ??= createActionController({
		layer: () => latest.current.layer,
		session: () => latest.current.session,
		keymap: () => latest.current.keymap,
		settings: () => latest.current.settings,
		say: (text, level) => latest.current.say(text, level),
		changed: () => setVersion((v) => v + 1),
		pageSize: () => Math.max(1, latest.current.bodyHeight() - LOG_CHROME_ROWS),
	});
	useEffect(() => () => controller.current?.dispose(), []);
	return controller.current;
}
