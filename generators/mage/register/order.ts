/** Whether `a` sorts after `b` in the lists registration keeps sorted (display names, page names, link labels): case-insensitive. */
export const sortsAfter = (a: string, b: string): boolean => a.toLowerCase() > b.toLowerCase();
