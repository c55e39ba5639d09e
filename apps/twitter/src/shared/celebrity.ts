/**
 * The hybrid fan-out's one rule. An author with more followers than the threshold is a
 * celebrity: writing their post into every follower's timeline would cost one Redis write per
 * follower (50,000 for one post), so their posts stay out of timelines and each reader's feed
 * merges them in at read time, where a reader follows a handful of celebrities at most.
 * The fan-out worker and the feed both decide with this function and the same threshold.
 */
export const isCelebrity = (followers: number, threshold: number): boolean => followers > threshold
