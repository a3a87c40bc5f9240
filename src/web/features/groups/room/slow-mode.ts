/** Slow mode's choices for facilitators (issue 7: 10 s to 1 h), in seconds; 0 turns it off. */
export const SLOW_MODE_CHOICES = [0, 10, 30, 60, 300, 900, 3600] as const;
