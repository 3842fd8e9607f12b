// Words for well-known APIs that a cluster may not serve (they come with an add-on). When
// discovery has no such kind, ':vpa' says which API is missing in one line, rather than
// "unknown command" — the user's word was right, the cluster lacks the add-on.
const ABSENT: ReadonlyArray<{words: readonly string[]; text: string}> = [
	{
		words: ['vpa', 'vpas', 'verticalpodautoscaler', 'verticalpodautoscalers'],
		// Fits one 80-column message line after 'error: '.
		text: 'VPA API (autoscaling.k8s.io) not served here: install the VPA add-on',
	},
];

/** The one line for a word naming a known add-on API that discovery did not list, else undefined. */
export function absentApiMessage(word: string): string | undefined {
	const lower = word.toLowerCase();
	return ABSENT.find((api) => api.words.includes(lower))?.text;
}
