// The help screen: the lines source/ui/help.ts generates from the bindings in effect.
import React from 'react';
import {helpLines, type HelpBinding} from '../source/ui/help.js';
import {TextPager} from './TextPager.js';

export interface HelpProps {
	bindings: readonly HelpBinding[];
	offset: number;
	height: number;
	width: number;
}

export function Help({bindings, offset, height, width}: HelpProps) {
	return <TextPager title="help" lines={helpLines(bindings)} offset={offset} height={height} width={width} />;
}
