/** The viewer's own time zone: days, parts of the day and times are shown in it. Read on the device only. */
export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
