// The clock the frame's ages are drawn against, ticking once a second but re-rendering only when
// a tick changes text on screen. A re-render of the whole app costs a React pass, a layout and a
// diff (tens of ms at 50k pods on a busy machine); most seconds change nothing a person can see
// (ages of hours-old pods, a live header), so an idle kubedeck should draw nothing.
import {useEffect, useRef, useState} from 'react';

/** The time-dependent text of the frame as drawn at a given moment (cheap: a few dozen cells). */
export type TimeText = (now: number) => string;

export interface TextClock {
	/** The moment this render draws (always the current time, whatever triggered the render). */
	now: number;
	/** Set once per render: what the frame would show at another moment, from the same data. */
	textAt: {current: TimeText | undefined};
}

/**
 * Whether a tick must redraw: the frame's time-dependent text at the drawn moment against now.
 * Without a text function (a view that has not said what depends on time) every tick redraws.
 */
export function tickChangesText(textAt: TimeText | undefined, drawnAt: number, now: number): boolean {
	if (!textAt) return true;
	return textAt(drawnAt) !== textAt(now);
}

export function useTextClock(clock: () => number, options: {intervalMs?: number; ticked?: (redrawn: boolean) => void} = {}): TextClock {
	const intervalMs = options.intervalMs ?? 1000;
	const [, setTick] = useState(0);
	const textAt = useRef<TimeText | undefined>(undefined);
	const drawnAt = useRef(0);
	const ticked = useRef(options.ticked);
	ticked.current = options.ticked;
	const now = clock();
	drawnAt.current = now;
	useEffect(() => {
		const timer = setInterval(() => {
			const redraw = tickChangesText(textAt.current, drawnAt.current, clock());
			if (redraw) setTick((n) => n + 1);
			ticked.current?.(redraw);
		}, intervalMs);
		timer.unref(); // a clock is never a reason to keep the process alive
		return () => clearInterval(timer);
	}, [clock, intervalMs]);
	return {now, textAt};
}
